//! The shopper's support pages: "Поддержка" among the message tabs (their
//! requests and the form for a new one) and a request with its messages, a reply
//! form, closing and rating. Hydrated, an open request follows the account's
//! change counter and reloads itself when an agent answers.

use super::parts::{head, message, status_badge, title};
use crate::chat::support::api::{
    CloseRequest, OpenRequest, RateRequest, WriteRequest, get_request, get_requests,
};
use crate::chat::support::i18n::error_text;
use crate::chat::support::model::{RequestList, RequestView, Status, Topic};
use crate::i18n::{Lang, fill, use_lang};
use crate::shared::error::AppError;
use crate::ui::forms::action_error;
use crate::ui::{ErrorView, FormError, require_sign_in};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn;

/// The message sections, "Поддержка" current.
fn tabs(lang: Lang) -> impl IntoView {
    let c = lang.chat();
    view! {
        <nav class="filter-tabs" aria-label=c.tabs_label>
            <a href="/messages">{c.tab_sellers}</a>
            <a href="/messages/support" aria-current="page">{lang.support().tab}</a>
            <a href="/account/notices">{c.tab_notices}</a>
            <a href="/messages/security">{c.tab_security}</a>
        </nav>
    }
}

/// "Поддержка": the shopper's requests and a new one.
#[component]
pub fn SupportPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.support();
    let open = ServerAction::<OpenRequest>::new();
    let data = Resource::new(|| (), |_| get_requests());
    view! {
        {title(d.title.to_string())}
        <h1>{lang.chat().title}</h1>
        {tabs(lang)}
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(list)) => requests(lang, list, open).into_any(),
                    Ok(None) => require_sign_in("/messages/support").into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn requests(lang: Lang, list: RequestList, open: ServerAction<OpenRequest>) -> impl IntoView {
    let d = lang.support();
    let error = action_error(move || open.value().get(), OpenRequest::PATH);
    let items = list
        .requests
        .into_iter()
        .map(|r| {
            let unread = (r.unread > 0).then(|| {
                let label = fill(lang.chat().unread, &[&r.unread.to_string()]);
                view! { <span class="badge" aria-label=label>{r.unread}</span> }
            });
            let has_unread = r.unread > 0;
            view! {
                <li class="dialog-card" class:unread=has_unread>
                    <a href=format!("/messages/support/{}", r.id)>{fill(d.request, &[&r.number])}</a>
                    {unread}
                    " · " {d.topic(r.topic)} " · " {status_badge(lang, r.status)}
                    <span class="hint">{r.at}</span>
                </li>
            }
        })
        .collect_view();
    let empty = items
        .is_empty()
        .then(|| view! { <p class="hint">{d.empty}</p> });
    let orders = list
        .orders
        .into_iter()
        .map(|(id, number)| view! { <option value=id.to_string()>{fill(lang.chat().about_order, &[&number])}</option> })
        .collect_view();
    view! {
        <p>{d.hours} {(!list.working).then_some(" ")} {(!list.working).then_some(d.closed_now)}</p>
        <p class="hint">{d.email}</p>
        <h2>{d.requests}</h2>
        <ul class="dialogs" aria-label=d.requests>{items}</ul>
        {empty}
        <h2 id="new-request">{d.new}</h2>
        <ActionForm action=open attr:class="message-form" attr:aria-labelledby="new-request">
            <label for="request-topic">{d.topic}</label>
            <select id="request-topic" name="topic" required>
                {Topic::ALL.into_iter().map(|t| view! { <option value=t.as_str()>{d.topic(t)}</option> }).collect_view()}
            </select>
            <label for="request-order">{d.order}</label>
            <select id="request-order" name="order">
                <option value="">{d.no_order}</option>
                {orders}
            </select>
            <label for="request-text">{d.text}</label>
            <textarea id="request-text" name="text" maxlength="1000" rows="4" required></textarea>
            <button type="submit" class="button">{d.send_new}</button>
            <FormError message=Signal::derive(move || error.get().map(|e| error_text(lang, &e)))/>
        </ActionForm>
    }
}

/// One of the shopper's requests.
#[component]
pub fn RequestPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let write = ServerAction::<WriteRequest>::new();
    let close = ServerAction::<CloseRequest>::new();
    let rate = ServerAction::<RateRequest>::new();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                write.version().get(),
                close.version().get(),
                rate.version().get(),
            )
        },
        |(id, ..)| get_request(id),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                let here = format!("/messages/support/{}", params.with_untracked(|p| p.get("id").unwrap_or_default()));
                match data.await {
                    Ok(Some(v)) => {
                        follow((v.version, v.poll_ms), data);
                        request(lang, v, (write, close, rate)).into_any()
                    }
                    Ok(None) => require_sign_in(&here).into_any(),
                    Err(e) => view! { {title(lang.support().title.to_string())}<ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

type ShopperActions = (
    ServerAction<WriteRequest>,
    ServerAction<CloseRequest>,
    ServerAction<RateRequest>,
);

fn request(lang: Lang, v: RequestView, (write, close, rate): ShopperActions) -> impl IntoView {
    let d = lang.support();
    let id = v.id;
    let error = action_error(move || write.value().get(), WriteRequest::PATH);
    let rate_error = action_error(move || rate.value().get(), RateRequest::PATH);
    let closed = v.status == Status::Closed;
    let reply = (!closed).then(|| {
        view! {
            <ActionForm action=write attr:class="message-form">
                <input type="hidden" name="request" value=id.to_string()/>
                <label for="message-text">{d.text}</label>
                <textarea id="message-text" name="text" maxlength="1000" rows="3" required></textarea>
                <button type="submit" class="button">{d.send}</button>
                <FormError message=Signal::derive(move || error.get().map(|e| error_text(lang, &e)))/>
            </ActionForm>
            <ActionForm action=close attr:class="dialog-block">
                <input type="hidden" name="request" value=id.to_string()/>
                <button type="submit" class="button-link">{d.close}</button>
            </ActionForm>
        }
    });
    let rating = match (closed, v.rating) {
        (_, Some(n)) => Some(view! { <p role="status">{fill(d.rated, &[&n.to_string()])}</p> }.into_any()),
        (true, None) => Some(
            view! {
                <ActionForm action=rate attr:class="message-form">
                    <input type="hidden" name="request" value=id.to_string()/>
                    <fieldset>
                        <legend>{d.rate}</legend>
                        {(1..=5).map(|n| view! {
                            <label class="choice">
                                <input type="radio" name="rating" value=n.to_string() required=true/>
                                {fill(d.stars, &[&n.to_string()])}
                            </label>
                        }).collect_view()}
                    </fieldset>
                    <button type="submit" class="button">{d.rate_send}</button>
                    <FormError message=Signal::derive(move || rate_error.get().map(|e| error_text(lang, &e)))/>
                </ActionForm>
            }
            .into_any(),
        ),
        (false, None) => None,
    };
    view! {
        {head(lang, &v)}
        <p><a href="/messages/support">{d.requests}</a></p>
        <p class="scam-banner" role="note">{lang.chat().scam_banner}</p>
        <ol class="messages" aria-label=d.text aria-live="polite" data-testid="messages">
            {v.messages.into_iter().map(|m| message(lang, m, false)).collect_view()}
        </ol>
        {reply}
        {rating}
        <p><a href=format!("/messages/support/{id}") rel="external">{d.refresh}</a></p>
    }
}

/// Hydrated: asks the header badge's cheap poll every few seconds whether
/// anything changed for the account, and reloads the request when it did;
/// slower while the tab is hidden and after errors; stops when the page goes.
fn follow((version, wait): (i64, u32), data: Resource<Result<Option<RequestView>, AppError>>) {
    let alive = StoredValue::new(true);
    on_cleanup(move || alive.set_value(false));
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            let mut wait = wait;
            loop {
                let hidden = document().hidden();
                gloo_timers::future::TimeoutFuture::new(if hidden { wait * 4 } else { wait }).await;
                if !alive.try_get_value().unwrap_or(false) {
                    return;
                }
                match crate::chat::poll_badge(version.to_string()).await {
                    Ok(Some(a)) => {
                        if a.changed {
                            data.refetch();
                            return;
                        }
                    }
                    Ok(None) => return,
                    Err(_) => wait = (wait * 2).min(60_000),
                }
            }
        });
    });
}
