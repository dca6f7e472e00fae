//! The agents' console (the support role): the queue by waiting time, the sellers'
//! messages held back, and a request with the shopper's card, internal notes and
//! the status.

use super::parts::{head, message, status_badge, title};
use crate::chat::support::api::{
    AnswerRequest, SetRequestStatus, TakeRequest, get_desk_request, get_queue,
};
use crate::chat::support::i18n::error_text;
use crate::chat::support::model::{RequestSummary, RequestView, ShopperCard, Status};
use crate::chat::{DecideHeld, get_held};
use crate::i18n::{Lang, fill, use_lang};
use crate::shared::error::AppError;
use crate::ui::forms::action_error;
use crate::ui::{ErrorView, FormError, Price, require_sign_in};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

/// The agents' queue: `?mine=1` shows the agent's own, `?tab=held` the sellers'
/// messages held back, `?tab=reviews` the reviews held for a check.
#[component]
pub fn DeskPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.support();
    let q = use_query_map();
    let mine = move || q.with(|q| q.get("mine").as_deref() == Some("1"));
    let held = move || q.with(|q| q.get("tab").as_deref() == Some("held"));
    let reviews = move || q.with(|q| q.get("tab").as_deref() == Some("reviews"));
    let data = Resource::new(mine, |mine| get_queue(mine.then(|| "1".to_string())));
    view! {
        {title(d.desk.to_string())}
        <h1>{d.desk}</h1>
        <nav class="filter-tabs" aria-label=d.desk>
            <a href="/support" aria-current=move || (!mine() && !held() && !reviews()).then_some("page")>{d.all}</a>
            <a href="/support?mine=1" aria-current=move || mine().then_some("page")>{d.mine}</a>
            <a href="/support?tab=held" aria-current=move || held().then_some("page")>{d.held}</a>
            <a href="/support?tab=reviews" aria-current=move || reviews().then_some("page")>{lang.moderation().tab}</a>
        </nav>
        <Show when=reviews fallback=move || view! {
            <Show when=held fallback=move || view! { <Queue lang data/> }>
                <HeldList lang/>
            </Show>
        }>
            <crate::catalog::HeldReviews/>
        </Show>
    }
}

#[component]
fn Queue(
    lang: Lang,
    data: Resource<Result<Option<Vec<RequestSummary>>, AppError>>,
) -> impl IntoView {
    let d = lang.support();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(list)) => queue(lang, list).into_any(),
                    Ok(None) => require_sign_in("/support").into_any(),
                    Err(AppError::Forbidden) => view! { <p role="alert" class="form-error">{d.agents_only}</p> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The sellers' messages held back: each let through or kept from the shopper.
#[component]
fn HeldList(lang: Lang) -> impl IntoView {
    let d = lang.support();
    let decide = ServerAction::<DecideHeld>::new();
    let data = Resource::new(move || decide.version().get(), |_| get_held());
    view! {
        <p class="hint">{d.held_hint}</p>
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(list)) if list.is_empty() => view! { <p class="hint">{d.queue_empty}</p> }.into_any(),
                    Ok(Some(list)) => view! {
                        <ol class="dialogs" aria-label=d.held>
                            {list.into_iter().map(|m| {
                                let id = m.id;
                                view! {
                                    <li class="dialog-card">
                                        <span class="hint">{m.seller} " · " {m.at}</span>
                                        <p class="message-text">{m.text}</p>
                                        <ActionForm action=decide attr:class="seller-action">
                                            <input type="hidden" name="message" value=id.to_string()/>
                                            <input type="hidden" name="release" value="1"/>
                                            <button type="submit" class="button">{d.release}</button>
                                        </ActionForm>
                                        <ActionForm action=decide attr:class="seller-action">
                                            <input type="hidden" name="message" value=id.to_string()/>
                                            <input type="hidden" name="release" value="0"/>
                                            <button type="submit" class="button-link">{d.keep}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }
                    .into_any(),
                    Ok(None) => require_sign_in("/support?tab=held").into_any(),
                    Err(AppError::Forbidden) => view! { <p role="alert" class="form-error">{d.agents_only}</p> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn queue(lang: Lang, list: Vec<RequestSummary>) -> impl IntoView {
    let d = lang.support();
    if list.is_empty() {
        return view! { <p class="hint">{d.queue_empty}</p> }.into_any();
    }
    view! {
        <ol class="dialogs" aria-label=d.desk>
            {list.into_iter().map(|r| view! {
                <li class="dialog-card">
                    <a href=format!("/support/{}", r.id)>{fill(d.request, &[&r.number])}</a>
                    " · " {d.topic(r.topic)} " · " {status_badge(lang, r.status)}
                    <span class="hint">
                        {r.waiting_since.map(|w| fill(d.waiting, &[&w]))} " · "
                        {r.agent.unwrap_or_else(|| d.nobody.to_string())}
                    </span>
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// A request in the agents' console.
#[component]
pub fn DeskRequestPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let answer = ServerAction::<AnswerRequest>::new();
    let take = ServerAction::<TakeRequest>::new();
    let status = ServerAction::<SetRequestStatus>::new();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                answer.version().get(),
                take.version().get(),
                status.version().get(),
            )
        },
        |(id, ..)| get_desk_request(id),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                let here = format!("/support/{}", params.with_untracked(|p| p.get("id").unwrap_or_default()));
                match data.await {
                    Ok(Some(v)) => desk_request(lang, v, (answer, take, status)).into_any(),
                    Ok(None) => require_sign_in(&here).into_any(),
                    Err(AppError::Forbidden) => view! { <p role="alert" class="form-error">{lang.support().agents_only}</p> }.into_any(),
                    Err(e) => view! { {title(lang.support().desk.to_string())}<ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn shopper_card(lang: Lang, c: ShopperCard) -> impl IntoView {
    let d = lang.support();
    let email = c.email.map(|e| {
        let unverified = (!c.email_verified).then(|| format!(" ({})", d.email_unverified));
        view! { <li>{e}{unverified}</li> }
    });
    let orders = c
        .orders
        .into_iter()
        .map(|o| {
            let statuses = o
                .statuses
                .iter()
                .map(|(s, courier)| crate::orders::status_of(lang, *s, *courier))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <li>
                    {fill(lang.chat().about_order, &[&o.number])} " · " {o.at} " · "
                    <Price price=o.total/> " · " {statuses}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="shopper-card">
            <h2 id="shopper-card">{d.shopper}</h2>
            <ul>
                <li>{c.name}</li>
                <li>{c.phone}</li>
                {email}
            </ul>
            <h3>{d.orders}</h3>
            <ul>{orders}</ul>
        </section>
    }
}

type DeskActions = (
    ServerAction<AnswerRequest>,
    ServerAction<TakeRequest>,
    ServerAction<SetRequestStatus>,
);

fn desk_request(lang: Lang, v: RequestView, (answer, take, status): DeskActions) -> impl IntoView {
    let d = lang.support();
    let id = v.id;
    let error = action_error(move || answer.value().get(), AnswerRequest::PATH);
    let taken = match (&v.agent, v.mine) {
        (Some(a), _) => Some(view! { <p>{fill(d.taken_by, &[a])}</p> }),
        (None, _) => None,
    };
    let take_form = (!v.mine).then(|| {
        view! {
            <ActionForm action=take attr:class="dialog-block">
                <input type="hidden" name="request" value=id.to_string()/>
                <button type="submit" class="button">{d.take}</button>
            </ActionForm>
        }
    });
    let current = v.status;
    view! {
        {head(lang, &v)}
        <p><a href="/support">{d.desk}</a></p>
        {taken}
        {take_form}
        {v.shopper.clone().map(|c| shopper_card(lang, c))}
        <ol class="messages" aria-label=d.text data-testid="messages">
            {v.messages.into_iter().map(|m| message(lang, m, true)).collect_view()}
        </ol>
        <ActionForm action=answer attr:class="message-form">
            <input type="hidden" name="request" value=id.to_string()/>
            <label for="answer-text">{d.answer}</label>
            <textarea id="answer-text" name="text" maxlength="1000" rows="4" required></textarea>
            <label class="choice"><input type="checkbox" name="note" value="1"/>{d.as_note}</label>
            <button type="submit" class="button">{d.send}</button>
            <FormError message=Signal::derive(move || error.get().map(|e| error_text(lang, &e)))/>
        </ActionForm>
        <ActionForm action=status attr:class="message-form">
            <input type="hidden" name="request" value=id.to_string()/>
            <label for="request-status">{d.status}</label>
            <select id="request-status" name="status">
                {Status::ALL.into_iter().map(|s| view! {
                    <option value=s.as_str() selected=s == current>{d.status(s)}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="button">{d.set_status}</button>
        </ActionForm>
        <p><a href=format!("/support/{id}") rel="external">{d.refresh}</a></p>
    }
}
