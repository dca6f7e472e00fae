//! A top-up's page, where the provider sends the shopper back: where the money is.

use crate::i18n::{fill, use_lang};
use crate::shared::error::AppError;
use crate::shared::time::local_datetime;
use crate::ui::{ErrorView, require_sign_in};
use crate::wallet::i18n::{reason_text, topup_status_text};
use crate::wallet::topups::api::get_topup;
use crate::wallet::topups::model::{TopUpStatus, TopUpView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/account/wallet/topup/:id`.
#[component]
pub fn TopUpPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.wallet();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let data = Resource::new(id, get_topup);
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.topup_title))/>
        <h1>{d.topup_title}</h1>
        <div class="account">
            {crate::account::account_nav()}
            <div class="account-main">
                <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(Some(v)) => topup(v).into_any(),
                            Err(AppError::Unauthorized) => {
                                require_sign_in(&format!("/account/wallet/topup/{}", id())).into_any()
                            }
                            Ok(None) => view! { <ErrorView error=AppError::NotFound/> }.into_any(),
                            Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </div>
    }
}

fn topup(v: TopUpView) -> impl IntoView {
    let lang = use_lang();
    let d = lang.wallet();
    let here = format!("/account/wallet/topup/{}", v.id);
    let headline = fill(
        d.topup_headline,
        &[&v.id.to_string(), &v.amount.to_string()],
    );
    view! {
        <section aria-labelledby="topup-status">
            <h2 id="topup-status">{headline}</h2>
            <p role="status" class="topup-status" data-testid="topup-status">
                {topup_status_text(lang, v.status)}
            </p>
            {v.reason.clone().filter(|_| v.status == TopUpStatus::Canceled).map(|r| view! {
                <p class="form-error">{reason_text(lang, &r)}</p>
            })}
            {(v.status == TopUpStatus::Pending).then(|| view! {
                <p class="hint">{d.topup_pending_hint}</p>
                {v.confirmation_url.clone().map(|u| view! { <a class="button" href=u>{d.topup_continue}</a> })}
                " "
                <a class="button-secondary" href=here.clone()>{d.topup_refresh}</a>
            })}
            <ol class="timeline" aria-label=d.topup_timeline>
                {v.timeline.iter().map(|(s, at)| view! {
                    <li><time>{local_datetime(*at)}</time>" "{topup_status_text(lang, *s)}</li>
                }).collect_view()}
            </ol>
            <a href="/account/wallet">{d.back_to_wallet}</a>
        </section>
    }
}
