//! "Rynok Карта": the application form, the code step, and where the application
//! stands. Plain forms; hydrated, they update the page in place.

use crate::i18n::{fill, use_lang};
use crate::shared::error::AppError;
use crate::shared::time::local_datetime;
use crate::ui::forms::action_error;
use crate::ui::{ErrorView, FormError, require_sign_in};
use crate::wallet::card::api::{CardApply, CardClose, CardConfirm, get_card};
use crate::wallet::card::model::{CardStatus, CardView};
use crate::wallet::i18n::{card_error_text, card_status_text};
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// `/account/card`.
#[component]
pub fn CardPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.wallet();
    let apply = ServerAction::<CardApply>::new();
    let confirm = ServerAction::<CardConfirm>::new();
    let close = ServerAction::<CardClose>::new();
    let data = Resource::new(
        move || apply.version().get() + confirm.version().get() + close.version().get(),
        |_| get_card(),
    );
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.card_title))/>
        <h1>{d.card_title}</h1>
        <div class="account">
            {crate::account::account_nav()}
            <div class="account-main">
                <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(card) => view! { <Sections card apply confirm close/> }.into_any(),
                            Err(AppError::Unauthorized) => require_sign_in("/account/card").into_any(),
                            Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </div>
    }
}

#[component]
fn Sections(
    card: Option<CardView>,
    apply: ServerAction<CardApply>,
    confirm: ServerAction<CardConfirm>,
    close: ServerAction<CardClose>,
) -> impl IntoView {
    let lang = use_lang();
    let d = lang.wallet();
    let apply_error = action_error(move || apply.value().get(), CardApply::PATH);
    let confirm_error = action_error(move || confirm.value().get(), CardConfirm::PATH);
    let close_error = action_error(move || close.value().get(), CardClose::PATH);
    let alert = move |e: Signal<Option<AppError>>| {
        view! { <FormError message=Signal::derive(move || e.get().map(|e| card_error_text(lang, &e)))/> }
    };
    let awaiting = card
        .as_ref()
        .filter(|c| c.status == CardStatus::AwaitingCode)
        .map(|c| c.id);
    let open = card.as_ref().is_some_and(|c| c.status.is_open());
    let active = card
        .as_ref()
        .filter(|c| c.status == CardStatus::Active)
        .map(|c| c.id);
    let closed = card
        .as_ref()
        .is_some_and(|c| c.status == CardStatus::Closed);
    view! {
        {card.clone().filter(|c| c.status != CardStatus::AwaitingCode).map(status)}
        {closed.then(|| view! { <p class="hint">{d.card_closed_hint}</p> })}
        {active.map(|id| view! {
            <section aria-labelledby="card-close">
                <h2 id="card-close">{d.card_close_title}</h2>
                <ActionForm action=close attr:class="profile-form card-close">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <label class="checkbox">
                        <input type="checkbox" name="confirm" value="yes"/>
                        {d.card_close_confirm}
                    </label>
                    <button type="submit" class="button-secondary">{d.card_close}</button>
                    {alert(close_error)}
                </ActionForm>
            </section>
        })}
        {awaiting.map(|id| view! {
            <section aria-labelledby="card-code">
                <h2 id="card-code">{d.card_confirm_title}</h2>
                <ActionForm action=confirm attr:class="signin-form code-form">
                    <p class="hint">{d.card_code_sent}</p>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <label for="card-code-input">{d.withdraw_code}</label>
                    <input id="card-code-input" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="6"/>
                    <button type="submit" class="button">{d.card_send}</button>
                    {alert(confirm_error)}
                </ActionForm>
            </section>
        })}
        {(!open).then(|| view! {
            <section aria-labelledby="card-form">
                <h2 id="card-form">{d.card_form_title}</h2>
                <p class="hint">{d.card_lead}</p>
                <ActionForm action=apply attr:class="profile-form card-form">
                    <label for="card-last">{d.card_last_name}</label>
                    <input id="card-last" name="last_name" autocomplete="family-name" required maxlength="60"/>
                    <label for="card-first">{d.card_first_name}</label>
                    <input id="card-first" name="first_name" autocomplete="given-name" required maxlength="60"/>
                    <label for="card-middle">{d.card_middle_name}</label>
                    <input id="card-middle" name="middle_name" autocomplete="additional-name" maxlength="60"/>
                    <label for="card-birth">{d.card_birth_date}</label>
                    <input id="card-birth" name="birth_date" type="date" required min="1900-01-01"/>
                    <label for="card-email">{d.card_email}</label>
                    <input id="card-email" name="email" type="email" autocomplete="email" required maxlength="254"/>
                    <label for="card-word">{d.card_code_word}</label>
                    <input id="card-word" name="code_word" autocomplete="off" required maxlength="32" aria-describedby="card-word-hint"/>
                    <p id="card-word-hint" class="hint">{d.card_code_word_hint}</p>
                    <label for="card-series">{d.card_passport_series}</label>
                    <input id="card-series" name="passport_series" inputmode="numeric" required maxlength="5"/>
                    <label for="card-number">{d.card_passport_number}</label>
                    <input id="card-number" name="passport_number" inputmode="numeric" required maxlength="7"/>
                    <label for="card-issued">{d.card_issue_date}</label>
                    <input id="card-issued" name="issue_date" type="date" required min="1900-01-01"/>
                    <label for="card-issuer">{d.card_issuer_code}</label>
                    <input id="card-issuer" name="issuer_code" required maxlength="7" placeholder="770-001"/>
                    <label for="card-doc-kind">{d.card_document_kind}</label>
                    <select id="card-doc-kind" name="document_kind">
                        <option value="inn">{d.card_inn}</option>
                        <option value="snils">{d.card_snils}</option>
                    </select>
                    <label for="card-doc">{d.card_document}</label>
                    <input id="card-doc" name="document" inputmode="numeric" required maxlength="14"/>
                    <label class="checkbox">
                        <input type="checkbox" name="consent" required/>
                        {d.card_consent}
                    </label>
                    <button type="submit" class="button">{d.card_apply}</button>
                    {alert(apply_error)}
                </ActionForm>
            </section>
        })}
    }
}

fn status(c: CardView) -> impl IntoView {
    let lang = use_lang();
    let d = lang.wallet();
    view! {
        <section aria-labelledby="card-status">
            <h2 id="card-status">{d.card_status_title}</h2>
            <p role="status" class="topup-status" data-testid="card-status">{card_status_text(lang, c.status)}</p>
            {c.last4.clone().map(|l| view! { <p>{fill(d.card_last4, &[&l])}</p> })}
            <dl class="facts">
                <div><dt>{d.card_holder}</dt><dd>{c.name.clone()}</dd></div>
                <div><dt>{d.card_passport}</dt><dd>{c.passport.clone()}</dd></div>
                <div><dt>{d.card_document}</dt><dd>{c.document.clone()}</dd></div>
            </dl>
            <ol class="timeline" aria-label=d.card_status_title>
                {c.timeline.iter().map(|(s, at)| view! {
                    <li><time>{local_datetime(*at)}</time>" "{card_status_text(lang, *s)}</li>
                }).collect_view()}
            </ol>
        </section>
    }
}
