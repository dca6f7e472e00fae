//! "Сообщения": the list of dialogs (tabs: sellers, buyers for a seller's staff,
//! notices), and a dialog with its pinned card, messages and a send form. Without
//! JavaScript the forms post and come back, and "Обновить" reloads; hydrated, an
//! open dialog asks for what changed every few seconds while the tab is visible.

use crate::chat::api::{BlockDialog, SendImage, SendMessage, get_dialog, get_dialogs, poll};
use crate::chat::i18n::error_text;
use crate::chat::model::{DialogList, DialogView, MessageView, Pinned, Side};
use crate::i18n::{Lang, fill, use_lang};
use crate::ui::forms::action_error;
use crate::ui::{ErrorView, FormError, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

/// The dialogs; `?tab=buyers` shows a seller's staff the shoppers' questions.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.chat();
    let q = use_query_map();
    let buyers = move || q.with(|q| q.get("tab").as_deref() == Some("buyers"));
    let data = Resource::new(buyers, |buyers| {
        get_dialogs(buyers.then(|| "seller".to_string()))
    });
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.title))/>
        <h1>{d.title}</h1>
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                let here = if buyers() { "/messages?tab=buyers" } else { "/messages" };
                match data.await {
                    Ok(Some(list)) => dialogs(lang, list, buyers()).into_any(),
                    Ok(None) => require_sign_in(here).into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn dialogs(lang: Lang, list: DialogList, buyers: bool) -> impl IntoView {
    let d = lang.chat();
    let tab = |href: &'static str, text: &'static str, current: bool| {
        view! { <a href=href aria-current=current.then_some("page")>{text}</a> }
    };
    let empty = if buyers { d.empty_buyers } else { d.empty };
    let items = list
        .dialogs
        .into_iter()
        .map(|s| {
            let unread = (s.unread > 0).then(|| {
                let label = fill(d.unread, &[&s.unread.to_string()]);
                view! { <span class="badge" aria-label=label>{s.unread}</span> }
            });
            let has_unread = s.unread > 0;
            view! {
                <li class="dialog-card" class:unread=has_unread>
                    <a href=format!("/messages/{}", s.id)>{s.title}</a>
                    {unread}
                    <span class="hint">{s.at}</span>
                    <p class="hint">{s.last}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="filter-tabs" aria-label=d.tabs_label>
            {tab("/messages", d.tab_sellers, !buyers)}
            {list.seller_staff.then(|| tab("/messages?tab=buyers", d.tab_buyers, buyers))}
            {tab("/messages/support", lang.support().tab, false)}
            {tab("/account/notices", d.tab_notices, false)}
            {tab("/messages/security", d.tab_security, false)}
        </nav>
        <ul class="dialogs" aria-label=d.title>{items}</ul>
        <p class="hint">{empty}</p>
    }
}

/// One dialog; `?before=<id>` pages back.
#[component]
pub fn DialogPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.chat();
    let params = use_params_map();
    let q = use_query_map();
    let send = ServerAction::<SendMessage>::new();
    let block = ServerAction::<BlockDialog>::new();
    let data = Resource::new(
        move || {
            let id = params.with(|p| p.get("id").unwrap_or_default());
            (
                id,
                q.with(|q| q.get("before")),
                send.version().get(),
                block.version().get(),
            )
        },
        |(id, before, _, _)| get_dialog(id, before),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                let here = format!("/messages/{}", params.with_untracked(|p| p.get("id").unwrap_or_default()));
                match data.await {
                    Ok(Some(v)) => dialog(lang, v, send, block).into_any(),
                    Ok(None) => require_sign_in(&here).into_any(),
                    Err(e) => view! { <Title text=crate::ui::title_text(format!("{} — Rynok", d.title))/><ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A message; to a shopper, a seller's message can be reported to support (a
/// plain form: the report opens a support request and goes there).
fn message(lang: Lang, m: MessageView, side: Side) -> impl IntoView {
    let d = lang.chat();
    let report = (side == Side::Shopper && !m.mine).then(|| {
        view! {
            <form method="post" action="/api/chat/report" class="message-report">
                <input type="hidden" name="message" value=m.id.to_string()/>
                <button type="submit" class="button-link" aria-label=format!("{}: {}", d.report, m.at)>{d.report}</button>
            </form>
        }
    });
    let state = match (m.mine, m.held, m.read) {
        (true, true, _) => Some(d.held),
        (true, false, true) => Some(d.read),
        (true, false, false) => Some(d.sent),
        (false, _, _) => None,
    };
    let image = m.image.map(|i| {
        let (w, h) = i.thumb_size();
        view! {
            <a href=format!("/chat/image/{}", i.token) class="message-image">
                <img src=format!("/chat/image/{}/thumb", i.token) alt=d.image_alt width=w height=h loading="lazy"/>
            </a>
        }
    });
    let text = (!m.text.is_empty()).then(|| view! { <p class="message-text">{m.text}</p> });
    view! {
        <li class="message" class:mine=m.mine class:held=m.held id=format!("m{}", m.id)>
            {image}
            {text}
            <span class="hint">{m.at.clone()} {state.map(|s| view! { " · " <span>{s}</span> })}</span>
            {report}
        </li>
    }
}

fn dialog(
    lang: Lang,
    v: DialogView,
    send: ServerAction<SendMessage>,
    block: ServerAction<BlockDialog>,
) -> impl IntoView {
    let d = lang.chat();
    let error = action_error(move || send.value().get(), SendMessage::PATH);
    let id = v.id;
    let pinned = v.pinned.clone().map(|p| match p {
        Pinned::Product { title, url, .. } => {
            view! { <p class="dialog-pinned"><a href=url>{fill(d.about_product, &[&title])}</a></p> }.into_any()
        }
        Pinned::Order { id, number } => view! {
            <p class="dialog-pinned"><a href=format!("/orders/{id}")>{fill(d.about_order, &[&number])}</a></p>
        }
        .into_any(),
    });
    // Messages the poll brought since the page was read, shown after its own.
    let (extra, set_extra) = signal(Vec::<MessageView>::new());
    let last = v.messages.last().map(|m| m.id).unwrap_or(0);
    start_polling(id, (v.version, last, v.poll_ms), set_extra);
    let older = v.older.map(|o| view! { <a href=format!("/messages/{id}?before={o}") class="notices-older">{d.older}</a> });
    let empty = v
        .messages
        .is_empty()
        .then(|| view! { <p class="hint">{d.no_messages}</p> });
    let side = v.side;
    let can_send = !(v.blocked && v.side == Side::Seller);
    let blocked = v.blocked.then(|| {
        let text = if v.side == Side::Seller {
            d.blocked_seller
        } else {
            d.blocked
        };
        view! { <p class="form-status" role="status">{text}</p> }
    });
    let block_form = (v.side == Side::Shopper).then(|| {
        let (on, label) = if v.blocked {
            ("0", d.unblock)
        } else {
            ("1", d.block)
        };
        view! {
            <ActionForm action=block attr:class="dialog-block">
                <input type="hidden" name="dialog" value=id.to_string()/>
                <input type="hidden" name="on" value=on/>
                <button type="submit" class="button-link">{label}</button>
            </ActionForm>
        }
    });
    let list_href = if v.side == Side::Seller {
        "/messages?tab=buyers"
    } else {
        "/messages"
    };
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", v.title))/>
        <h1>{v.title.clone()}</h1>
        <p><a href=list_href>{d.all_dialogs}</a></p>
        <p class="scam-banner" role="note">{d.scam_banner}</p>
        {pinned}
        {blocked}
        {older}
        {empty}
        <ol class="messages" aria-label=v.title.clone() aria-live="polite" data-testid="messages">
            {v.messages.into_iter().map(|m| message(lang, m, side)).collect_view()}
            <For each=move || extra.get() key=|m| m.id let(m)>
                {message(lang, m, side)}
            </For>
        </ol>
        {can_send.then(|| view! {
            <ActionForm action=send attr:class="message-form">
                <input type="hidden" name="dialog" value=id.to_string()/>
                <label for="message-text">{d.text_label}</label>
                <textarea id="message-text" name="text" maxlength="1000" rows="3" required></textarea>
                <button type="submit" class="button">{d.send}</button>
                <FormError message=Signal::derive(move || error.get().map(|e| error_text(lang, &e)))/>
            </ActionForm>
        })}
        {can_send.then(|| {
            let error = crate::ui::forms::error_from_url(SendImage::PATH).map(|e| error_text(lang, &e));
            view! {
                <form method="post" action=SendImage::url() enctype="multipart/form-data" class="message-form message-image-form">
                    <input type="hidden" name="dialog" value=id.to_string()/>
                    <label for="message-photo">{d.photo_label}</label>
                    <input id="message-photo" type="file" name="photo" accept="image/jpeg,image/png,image/webp" required/>
                    <label for="message-caption">{d.caption_label}</label>
                    <input id="message-caption" name="text" maxlength="1000"/>
                    <button type="submit" class="button-secondary">{d.send_photo}</button>
                    {error.map(|e| view! { <p role="alert" class="form-error">{e}</p> })}
                </form>
            }
        })}
        <p><a href=format!("/messages/{id}")>{d.refresh}</a></p>
        {block_form}
    }
}

/// Hydrated: asks every few seconds (the server's hint) what changed in dialog
/// `id` since `version`, appending messages after `after`; slower while the tab is
/// hidden and after errors; stops when the page goes.
fn start_polling(
    id: i64,
    (version, after, wait): (i64, i64, u32),
    set_extra: WriteSignal<Vec<MessageView>>,
) {
    let alive = StoredValue::new(true);
    on_cleanup(move || alive.set_value(false));
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            let (mut cursor, mut after, mut wait) = (version, after, wait);
            loop {
                let hidden = document().hidden();
                gloo_timers::future::TimeoutFuture::new(if hidden { wait * 4 } else { wait }).await;
                if !alive.try_get_value().unwrap_or(false) {
                    return;
                }
                match poll(cursor.to_string(), id.to_string(), Some(after.to_string())).await {
                    Ok(Some(a)) => {
                        wait = a.next_ms;
                        cursor = a.version;
                        if let Some(m) = a.messages.last() {
                            after = m.id;
                        }
                        if !a.messages.is_empty() {
                            set_extra.update(|x| x.extend(a.messages));
                        }
                    }
                    Ok(None) => return,
                    Err(_) => wait = (wait * 2).min(60_000),
                }
            }
        });
    });
}

/// "Безопасность": the account's Security feed, read-only — sign-in codes for its
/// other devices while they are live (used or expired, they are gone), sign-in
/// alerts and changes. Sessions and passkeys are on the Security page. "Обновить"
/// is a whole page load (`rel="external"`): the router would not fetch the same
/// address again.
#[component]
pub fn SecurityFeedPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.chat();
    let data = Resource::new(|| (), |_| crate::account::get_security_feed());
    let tab = |href: &'static str, text: &'static str, current: bool| {
        view! { <a href=href aria-current=current.then_some("page")>{text}</a> }
    };
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.tab_security))/>
        <h1>{d.title}</h1>
        <nav class="filter-tabs" aria-label=d.tabs_label>
            {tab("/messages", d.tab_sellers, false)}
            {tab("/messages/support", lang.support().tab, false)}
            {tab("/account/notices", d.tab_notices, false)}
            {tab("/messages/security", d.tab_security, true)}
        </nav>
        <p class="scam-banner" role="note">{d.security_note}</p>
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(list)) if list.is_empty() => view! { <p class="hint">{d.security_empty}</p> }.into_any(),
                    Ok(Some(list)) => view! {
                        <ul class="security-messages" aria-label=d.tab_security data-testid="security-feed">
                            {list.into_iter().map(|m| view! {
                                <li><time>{crate::shared::time::local_datetime(m.at)}</time>" "<span>{m.body}</span></li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Ok(None) => require_sign_in("/messages/security").into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <p><a href="/account/security">{d.security_page}</a></p>
        <p><a href="/messages/security" rel="external">{d.refresh}</a></p>
    }
}
