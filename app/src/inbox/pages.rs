//! "Уведомления": the shopper's notices, newest first, unread ones marked.

use crate::i18n::{fill, use_lang};
use crate::inbox::api::{MarkNoticesRead, get_inbox};
use crate::inbox::model::Inbox;
use crate::ui::forms::action_error;
use crate::ui::{ErrorView, FormError, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// The inbox page; `?before=<id>` pages back.
#[component]
pub fn NoticesPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.dict();
    let read = ServerAction::<MarkNoticesRead>::new();
    let q = use_query_map();
    let data = Resource::new(
        move || (q.with(|q| q.get("before")), read.version().get()),
        |(before, _)| get_inbox(before),
    );
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.notices_title))/>
        <h1>{d.notices_title}</h1>
        <div class="account">
            {crate::account::account_nav()}
            <div class="account-main">
                <Suspense fallback=move || view! { <p class="loading">{d.loading}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(Some(inbox)) => notices(inbox, read).into_any(),
                            Ok(None) => require_sign_in("/account/notices").into_any(),
                            Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </div>
    }
}

fn notices(inbox: Inbox, read: ServerAction<MarkNoticesRead>) -> impl IntoView {
    let lang = use_lang();
    let d = lang.dict();
    let error = action_error(move || read.value().get(), MarkNoticesRead::PATH);
    if inbox.notices.is_empty() {
        return view! { <p class="hint">{d.notices_empty}</p> }.into_any();
    }
    let mark = (inbox.unread > 0).then(|| {
        let upto = inbox.newest.unwrap_or_default().to_string();
        view! {
            <ActionForm action=read attr:class="notices-read">
                <input type="hidden" name="upto" value=upto/>
                <button type="submit" class="button-secondary">{d.notices_mark_read}</button>
                <FormError message=Signal::derive(move || error.get().map(|e| crate::account::account_error_text(lang, &e)))/>
            </ActionForm>
        }
    });
    view! {
        <p class="hint" data-testid="notices-unread">{fill(d.notices_unread, &[&inbox.unread.to_string()])}</p>
        {mark}
        <ul class="notices" aria-label=d.notices_title>
            {inbox.notices.into_iter().map(|n| view! {
                <li class:unread=n.unread>
                    {n.unread.then(|| view! { <span class="badge-new">{d.notices_new}</span> " " })}
                    <a href=n.link>{n.text}</a>
                    <span class="hint">" · " {n.at}</span>
                </li>
            }).collect_view()}
        </ul>
        {inbox.older.map(|id| view! {
            <a href=format!("/account/notices?before={id}") class="notices-older">{d.notices_older}</a>
        })}
    }
    .into_any()
}
