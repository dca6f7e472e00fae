//! "Rynok Счёт": the balance, the gift-certificate field and the history with its
//! filters and CSV export. Every form is a plain form: the filters are a GET of
//! this page, the certificate a POST that comes back here.

use crate::i18n::{Lang, fill, use_lang};
use crate::shared::error::AppError;
use crate::shared::money::Money;
use crate::shared::time::local_datetime;
use crate::ui::forms::action_error;
use crate::ui::{ErrorView, FormError, require_sign_in};
use crate::wallet::certificates::api::ActivateCertificate;
use crate::wallet::i18n::{error_text, kind_text, status_text};
use crate::wallet::statement::api::get_statement;
use crate::wallet::statement::model::{OpKind, OpStatus, Statement};
use crate::wallet::topups::api::StartTopup;
use crate::wallet::withdrawals::api::{WithdrawConfirm, WithdrawStart};
use crate::wallet::withdrawals::pages::WithdrawSection;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// The Rynok Account page.
#[component]
pub fn WalletPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.wallet();
    let activate = ServerAction::<ActivateCertificate>::new();
    let topup = ServerAction::<StartTopup>::new();
    let withdraw = ServerAction::<WithdrawStart>::new();
    let confirm = ServerAction::<WithdrawConfirm>::new();
    // Hydrated, the provider's page is reached by the answer; without JavaScript the
    // form post's redirect goes there.
    Effect::new(move |_| {
        if let Some(Ok(url)) = topup.value().get() {
            let _ = window().location().set_href(&url);
        }
    });
    let q = use_query_map();
    let param = move |k: &str| q.with(|q| q.get(k).unwrap_or_default());
    let data = Resource::new(
        move || {
            (
                param("kind"),
                param("from"),
                param("to"),
                activate.version().get() + confirm.version().get(),
            )
        },
        |(kind, from, to, _)| get_statement(kind, from, to),
    );
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.title))/>
        <h1>{d.title}</h1>
        <div class="account">
            {crate::account::account_nav()}
            <div class="account-main">
                <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(Some(s)) => view! {
                                <Sections s activate topup/>
                                <WithdrawSection start=withdraw confirm/>
                            }.into_any(),
                            Ok(None) => require_sign_in("/account/wallet").into_any(),
                            Err(e @ AppError::Invalid { .. }) => {
                                #[cfg(feature = "ssr")]
                                crate::platform::request::set_status(e.status());
                                view! {
                                    <p role="alert" class="form-error">{error_text(lang, &e)}</p>
                                    <a href="/account/wallet">{d.title}</a>
                                }.into_any()
                            }
                            Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </div>
    }
}

fn money(m: Money) -> String {
    m.to_string()
}

#[component]
fn Sections(
    s: Statement,
    activate: ServerAction<ActivateCertificate>,
    topup: ServerAction<StartTopup>,
) -> impl IntoView {
    let lang = use_lang();
    let d = lang.wallet();
    let topup_error = action_error(move || topup.value().get(), StartTopup::PATH);
    let error = action_error(move || activate.value().get(), ActivateCertificate::PATH);
    let done = move || match activate.value().get() {
        Some(Ok(m)) => Some(fill(d.certificate_done, &[&m.to_string()])),
        _ => None,
    };
    let csv_href = format!("/account/wallet/history.csv?{}", s.filter.query());
    let kind_option = move |k: Option<OpKind>, selected: Option<OpKind>| {
        let label = k.map(|k| kind_text(lang, k)).unwrap_or(d.filter_all);
        view! {
            <option value=k.map(OpKind::as_str).unwrap_or("") selected={k == selected}>{label}</option>
        }
    };
    let selected = s.filter.kind;
    view! {
        <section aria-labelledby="wallet-balance">
            <h2 id="wallet-balance">{d.balance}</h2>
            <p class="wallet-balance" data-testid="wallet-balance">{money(s.balance)}</p>
            <dl class="facts">
                <div><dt>{d.available}</dt><dd data-testid="wallet-available">{money(s.available)}</dd></div>
                {(s.reserved.kopecks() > 0).then(|| view! {
                    <div><dt>{d.reserved}</dt><dd>{money(s.reserved)}</dd></div>
                })}
                {(s.incoming.kopecks() > 0).then(|| view! {
                    <div><dt>{d.incoming}</dt><dd>{money(s.incoming)}</dd></div>
                })}
            </dl>
            <p class="hint">{d.lead}</p>
        </section>
        <section aria-labelledby="wallet-topup">
            <h2 id="wallet-topup">{d.topup_title}</h2>
            <ActionForm action=topup attr:class="signin-form">
                <label for="topup-amount">{d.topup_label}</label>
                <input id="topup-amount" name="amount" inputmode="decimal" autocomplete="off"
                    required maxlength="12" aria-describedby="topup-hint"/>
                <p id="topup-hint" class="hint">{d.topup_hint}</p>
                <button type="submit" class="button">{d.topup_button}</button>
                <FormError message=Signal::derive(move || topup_error.get().map(|e| error_text(lang, &e)))/>
            </ActionForm>
        </section>
        <section aria-labelledby="wallet-certificate">
            <h2 id="wallet-certificate">{d.certificate_title}</h2>
            <ActionForm action=activate attr:class="signin-form">
                <label for="certificate-code">{d.certificate_label}</label>
                <input id="certificate-code" name="code" autocomplete="off" autocapitalize="characters"
                    spellcheck="false" required maxlength="40" aria-describedby="certificate-hint"/>
                <p id="certificate-hint" class="hint">{d.certificate_hint}</p>
                <button type="submit" class="button">{d.certificate_activate}</button>
                <p role="status" class="form-status">{done}</p>
                <FormError message=Signal::derive(move || error.get().map(|e| error_text(lang, &e)))/>
            </ActionForm>
        </section>
        <section aria-labelledby="wallet-history">
            <h2 id="wallet-history">{d.history_title}</h2>
            <form method="get" action="/account/wallet" class="history-filter">
                <label for="history-kind">{d.filter_kind}</label>
                <select id="history-kind" name="kind">
                    {kind_option(None, selected)}
                    {OpKind::ALL.into_iter().map(|k| kind_option(Some(k), selected)).collect_view()}
                </select>
                <label for="history-from">{d.filter_from}</label>
                <input id="history-from" name="from" type="date" value=s.filter.from.clone().unwrap_or_default()/>
                <label for="history-to">{d.filter_to}</label>
                <input id="history-to" name="to" type="date" value=s.filter.to.clone().unwrap_or_default()/>
                <button type="submit" class="button-secondary">{d.filter_apply}</button>
                <a href=csv_href download="rynok-account.csv">{d.export_csv}</a>
            </form>
            {history(lang, &s)}
        </section>
    }
}

fn history(lang: Lang, s: &Statement) -> AnyView {
    let d = lang.wallet();
    if s.operations.is_empty() {
        return view! { <p class="hint">{d.empty}</p> }.into_any();
    }
    let rows = s
        .operations
        .iter()
        .map(|op| {
            let sign = if op.amount.kopecks() > 0 { "+" } else { "" };
            let class = match op.status {
                OpStatus::Done => "op-done",
                OpStatus::Pending => "op-pending",
                OpStatus::Cancelled => "op-cancelled",
            };
            view! {
                <tr class=class>
                    <td>{local_datetime(op.at)}</td>
                    <td>{kind_text(lang, op.kind)}</td>
                    <td class="num">{format!("{sign}{}", op.amount)}</td>
                    <td>{status_text(lang, op.status)}</td>
                    <td class="num">{op.balance_after.map(money).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="wallet-history">
            <thead><tr>
                <th scope="col">{d.col_date}</th>
                <th scope="col">{d.col_operation}</th>
                <th scope="col" class="num">{d.col_amount}</th>
                <th scope="col">{d.col_status}</th>
                <th scope="col" class="num">{d.col_balance}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
