//! Support's pages. The shopper's: "Поддержка" among the message tabs (their
//! requests and the form for a new one) and a request with its messages, a reply
//! form, closing and rating. The agents' console: the queue, and a request with
//! the shopper's card, internal notes and the status. Without JavaScript the
//! forms post and come back; hydrated, an open request follows the account's
//! change counter and reloads itself when an agent answers.

use crate::chat::support::api::{
    AnswerRequest, CloseRequest, OpenRequest, RateRequest, SetRequestStatus, TakeRequest,
    WriteRequest, get_desk_request, get_queue, get_request, get_requests,
};
use crate::chat::support::i18n::error_text;
use crate::chat::support::model::{
    Author, RequestList, RequestSummary, RequestView, ShopperCard, Status, SupportMessage, Topic,
};
use crate::chat::{DecideHeld, get_held};
use crate::i18n::{Lang, fill, use_lang};
use crate::shared::error::AppError;
use crate::ui::forms::action_error;
use crate::ui::{ErrorView, FormError, Price, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

fn title(text: String) -> impl IntoView {
    view! { <Title text=crate::ui::title_text(format!("{text} — Rynok"))/> }
}

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

fn status_badge(lang: Lang, s: Status) -> impl IntoView {
    view! { <span class=format!("request-status status-{}", s.as_str())>{lang.support().status(s)}</span> }
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

fn message(lang: Lang, m: SupportMessage, agent_side: bool) -> impl IntoView {
    let d = lang.support();
    let (who, text, mine) = match m.author {
        Author::Shopper if agent_side => (d.shopper, m.text, false),
        Author::Shopper => (d.you, m.text, true),
        Author::Agent => (d.agent, m.text, agent_side),
        Author::Auto => (d.agent, fill(d.auto, &[&m.text]), false),
        Author::Note => (d.note, m.text, true),
    };
    view! {
        <li class="message" class:mine=mine class:held=m.author == Author::Note id=format!("m{}", m.id)>
            <span class="hint">{who}</span>
            <p class="message-text">{text}</p>
            <span class="hint">{m.at}</span>
        </li>
    }
}

fn head(lang: Lang, v: &RequestView) -> impl IntoView + use<> {
    let d = lang.support();
    let order = v.order.clone().map(|(id, number)| {
        view! { " · " <a href=format!("/orders/{id}")>{fill(lang.chat().about_order, &[&number])}</a> }
    });
    let heading = fill(d.request, &[&v.number]);
    view! {
        {title(heading.clone())}
        <h1>{heading}</h1>
        <p>{d.topic(v.topic)} " · " {status_badge(lang, v.status)} {order}</p>
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

/// The agents' queue: `?mine=1` shows the agent's own, `?tab=held` the sellers'
/// messages held back.
#[component]
pub fn DeskPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.support();
    let q = use_query_map();
    let mine = move || q.with(|q| q.get("mine").as_deref() == Some("1"));
    let held = move || q.with(|q| q.get("tab").as_deref() == Some("held"));
    let data = Resource::new(mine, |mine| get_queue(mine.then(|| "1".to_string())));
    view! {
        {title(d.desk.to_string())}
        <h1>{d.desk}</h1>
        <nav class="filter-tabs" aria-label=d.desk>
            <a href="/support" aria-current=move || (!mine() && !held()).then_some("page")>{d.all}</a>
            <a href="/support?mine=1" aria-current=move || mine().then_some("page")>{d.mine}</a>
            <a href="/support?tab=held" aria-current=move || held().then_some("page")>{d.held}</a>
        </nav>
        <Show when=held fallback=move || view! { <Queue lang data/> }>
            <HeldList lang/>
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
