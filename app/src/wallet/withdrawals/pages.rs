//! The withdrawal section of the Rynok Account page: the form, the code step, and
//! the latest withdrawals with their arrival dates. Plain forms; hydrated, they
//! update the page in place.

use crate::i18n::{fill, use_lang};
use crate::shared::time::{date_ru, local_datetime};
use crate::ui::FormError;
use crate::ui::forms::action_error;
use crate::wallet::i18n::{error_text, withdrawal_error_text, withdrawal_status_text};
use crate::wallet::withdrawals::api::{
    WithdrawConfirm, WithdrawStart, Withdrawals, get_withdrawals,
};
use crate::wallet::withdrawals::model::{WithdrawalStatus, WithdrawalView};
use leptos::prelude::*;
use server_fn::ServerFn;

/// The section, with the page's actions (their versions reload the balance too).
#[component]
pub fn WithdrawSection(
    start: ServerAction<WithdrawStart>,
    confirm: ServerAction<WithdrawConfirm>,
) -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(
        move || (start.version().get(), confirm.version().get()),
        |_| get_withdrawals(),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                let w = data.await.unwrap_or_default();
                view! { <Section w start confirm/> }
            })}
        </Suspense>
    }
}

#[component]
fn Section(
    w: Withdrawals,
    start: ServerAction<WithdrawStart>,
    confirm: ServerAction<WithdrawConfirm>,
) -> impl IntoView {
    let lang = use_lang();
    let d = lang.wallet();
    let start_error = action_error(move || start.value().get(), WithdrawStart::PATH);
    let confirm_error = action_error(move || confirm.value().get(), WithdrawConfirm::PATH);
    let alert = move |e: Signal<Option<crate::shared::error::AppError>>, code: bool| {
        let text = move |e: crate::shared::error::AppError| {
            if code {
                withdrawal_error_text(lang, &e)
            } else {
                error_text(lang, &e)
            }
        };
        view! { <FormError message=Signal::derive(move || e.get().map(text))/> }
    };
    view! {
        <section aria-labelledby="wallet-withdraw">
            <h2 id="wallet-withdraw">{d.withdraw_title}</h2>
            {match w.awaiting.clone() {
                Some(c) => view! {
                    <ActionForm action=confirm attr:class="signin-form code-form">
                        <p class="hint">{fill(d.withdraw_code_sent, &[&c.to])}</p>
                        <input type="hidden" name="id" value=c.id.to_string()/>
                        <label for="withdraw-code">{d.withdraw_code}</label>
                        <input id="withdraw-code" name="code" inputmode="numeric" autocomplete="one-time-code"
                            required maxlength="6"/>
                        <button type="submit" class="button">{d.withdraw_confirm}</button>
                        {alert(confirm_error, true)}
                    </ActionForm>
                }.into_any(),
                None => {
                    let saved = w.saved.clone();
                    let (recipient, bik, account) = saved
                        .clone()
                        .map(|s| (s.recipient, s.bik, s.account_number))
                        .unwrap_or_default();
                    view! {
                    <ActionForm action=start attr:class="withdraw-form">
                        {saved.map(|_| view! { <p class="hint">{d.withdraw_saved}</p> })}
                        <label for="withdraw-amount">{d.withdraw_amount}</label>
                        <input id="withdraw-amount" name="amount" inputmode="decimal" required maxlength="12"
                            aria-describedby="withdraw-hint"/>
                        <p id="withdraw-hint" class="hint">{d.withdraw_hint}</p>
                        <label for="withdraw-recipient">{d.withdraw_recipient}</label>
                        <input id="withdraw-recipient" name="recipient" autocomplete="name" required maxlength="100" value=recipient/>
                        <label for="withdraw-bik">{d.withdraw_bik}</label>
                        <input id="withdraw-bik" name="bik" inputmode="numeric" required maxlength="9" value=bik/>
                        <label for="withdraw-account">{d.withdraw_account}</label>
                        <input id="withdraw-account" name="account_number" inputmode="numeric" required maxlength="24" value=account/>
                        <button type="submit" class="button">{d.withdraw_button}</button>
                        {alert(start_error, false)}
                    </ActionForm>
                    }.into_any()
                }
            }}
            {(!w.recent.is_empty()).then(|| view! {
                <ul class="withdrawals">
                    {w.recent.into_iter().map(withdrawal).collect_view()}
                </ul>
            })}
        </section>
    }
}

fn withdrawal(v: WithdrawalView) -> impl IntoView {
    let lang = use_lang();
    let d = lang.wallet();
    let due = match (v.status, v.due_date.as_deref()) {
        (WithdrawalStatus::InProgress, Some(day)) => Some(fill(d.withdraw_due, &[&date_ru(day)])),
        _ => None,
    };
    view! {
        <li class="withdrawal" data-testid="withdrawal" id=format!("withdrawal-{}", v.id)>
            <strong>{fill(d.withdraw_line, &[&v.amount.to_string(), &v.account])}</strong>
            " — " {withdrawal_status_text(lang, v.status)}
            {due.map(|t| view! { <span class="due">" · "{t}</span> })}
            <ol class="timeline" aria-label=d.withdraw_timeline>
                {v.timeline.iter().map(|(s, at)| view! {
                    <li><time>{local_datetime(*at)}</time>" "{withdrawal_status_text(lang, *s)}</li>
                }).collect_view()}
            </ol>
        </li>
    }
}
