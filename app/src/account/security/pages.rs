//! The Security page: sessions, sign-in history, the Security feed, passkeys.

use crate::account::i18n::{AccountDict, error_text};
use crate::account::passkeys::api::PasskeyDelete;
use crate::account::profile::pages::account_nav;
use crate::account::security::api::{RemoveRecentMethods, get_security};
use crate::account::security::model::{EventKind, RecentKind, RecentMethod};
use crate::account::session::api::{EndOtherSessions, EndSession};
use crate::i18n::use_lang;
use crate::shared::error::AppError;
use crate::shared::time::local_datetime as when;
use crate::ui::forms::action_error;
use crate::ui::{ErrorView, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

#[component]
pub fn SecurityPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.account();
    let end_one = ServerAction::<EndSession>::new();
    let end_others = ServerAction::<EndOtherSessions>::new();
    let remove_key = ServerAction::<PasskeyDelete>::new();
    let remove_recent = ServerAction::<RemoveRecentMethods>::new();
    let (keys_changed, set_keys_changed) = signal(0usize);
    let data = Resource::new(
        move || {
            (
                end_one.version().get(),
                end_others.version().get(),
                remove_key.version().get(),
                remove_recent.version().get(),
                keys_changed.get(),
            )
        },
        |_| get_security(),
    );
    let end_error = action_error(move || end_one.value().get(), EndSession::PATH);
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.security_title))/>
        <h1>{d.security_title}</h1>
        <div class="account">
        {account_nav()}
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! {
                        <div class="account-main">
                            <section aria-labelledby="sessions">
                                <h2 id="sessions">{d.sessions_title}</h2>
                                <ul class="sessions" aria-labelledby="sessions">
                                    {v.sessions.into_iter().map(|s| {
                                        let label = format!("{} — {}", d.end_session, if s.browser.is_empty() { d.unknown_browser.to_string() } else { s.browser.clone() });
                                        view! {
                                            <li class="session">
                                                <strong>{if s.browser.is_empty() { d.unknown_browser.to_string() } else { s.browser }}</strong>
                                                " · IP " {s.ip} " · " {d.last_seen} ": " {when(s.last_seen_at)}
                                                {if s.current {
                                                    view! { <span class="badge-current">{d.this_device}</span> }.into_any()
                                                } else {
                                                    view! {
                                                        <ActionForm action=end_one attr:class="inline-form">
                                                            <input type="hidden" name="id" value=s.id.to_string()/>
                                                            <button type="submit" class="button-link" aria-label=label>{d.end_session}</button>
                                                        </ActionForm>
                                                    }.into_any()
                                                }}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                <crate::ui::FormError message=Signal::derive(move || end_error.get().map(|e: AppError| error_text(lang, &e)))/>
                                <ActionForm action=end_others>
                                    <button type="submit" class="button-secondary">{d.end_others}</button>
                                </ActionForm>
                                <p role="status" class="form-status">{move || {
                                    let ended = matches!(end_others.value().get(), Some(Ok(_)));
                                    let removed = matches!(remove_recent.value().get(), Some(Ok(_)));
                                    if removed { Some(d.recent_removed) } else { ended.then_some(d.others_ended) }
                                }}</p>
                                // After a break-in the thief may have added a way back in:
                                // the owner is offered to remove what is new.
                                {(!v.recent.is_empty()).then(|| view! {
                                    <div class="notice recent-methods" role="group" aria-labelledby="recent-title">
                                        <h3 id="recent-title">{d.recent_title}</h3>
                                        <ul>
                                            {v.recent.into_iter().map(|m| view! {
                                                <li>{recent_label(d, &m)} " · " {when(m.added_at)}</li>
                                            }).collect_view()}
                                        </ul>
                                        <p class="hint">{d.recent_hint}</p>
                                        <ActionForm action=remove_recent>
                                            <button type="submit" class="button-secondary">{d.recent_remove}</button>
                                        </ActionForm>
                                    </div>
                                })}
                            </section>
                            <section aria-labelledby="passkeys">
                                <h2 id="passkeys">{d.passkeys_title}</h2>
                                {if v.passkeys.is_empty() {
                                    view! { <p>{d.passkeys_none}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="sessions" aria-labelledby="passkeys">
                                            {v.passkeys.into_iter().map(|k| {
                                                let label = format!("{} — {}", d.passkey_delete, k.name);
                                                view! {
                                                    <li class="session">
                                                        <strong>{k.name}</strong>
                                                        " · " {when(k.created_at)}
                                                        {k.last_used_at.map(|t| format!(" · {} {}", d.passkey_last_used, when(t)))}
                                                        <ActionForm action=remove_key attr:class="inline-form">
                                                            <input type="hidden" name="id" value=k.id.to_string()/>
                                                            <button type="submit" class="button-link" aria-label=label>{d.passkey_delete}</button>
                                                        </ActionForm>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <crate::account::passkeys::pages::PasskeyAdd changed=set_keys_changed/>
                            </section>
                            <section aria-labelledby="messages">
                                <h2 id="messages">{d.messages_title}</h2>
                                {if v.messages.is_empty() {
                                    view! { <p>{d.no_messages}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="security-messages" aria-labelledby="messages">
                                            {v.messages.into_iter().map(|m| view! {
                                                <li><time>{when(m.at)}</time>" "<span>{m.body}</span></li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                            <section aria-labelledby="history">
                                <h2 id="history">{d.history_title}</h2>
                                <ul class="history" aria-labelledby="history">
                                    {v.history.into_iter().map(|e| view! {
                                        <li>
                                            <time>{when(e.at)}</time>" "
                                            <strong>{event_name(d, e.kind)}</strong>
                                            " · " {e.browser} " · IP " {e.ip}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        </div>
                    }.into_any(),
                    Err(AppError::Unauthorized) => require_sign_in("/account/security").into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
        </div>
    }
}

fn recent_label(d: &AccountDict, m: &RecentMethod) -> String {
    let template = match m.kind {
        RecentKind::Passkey => d.recent_passkey,
        RecentKind::Email => d.recent_email,
        RecentKind::Provider => d.recent_provider,
    };
    crate::i18n::fill(template, &[&m.label])
}

fn event_name(d: &AccountDict, kind: EventKind) -> &'static str {
    match kind {
        EventKind::Signin => d.ev_signin,
        EventKind::SigninFailed => d.ev_signin_failed,
        EventKind::Signup => d.ev_signup,
        EventKind::Signout => d.ev_signout,
        EventKind::SessionEnded => d.ev_session_ended,
        EventKind::SessionsEnded => d.ev_sessions_ended,
        EventKind::PasskeyAdded => d.ev_passkey_added,
        EventKind::PasskeyRemoved => d.ev_passkey_removed,
        EventKind::Reauth => d.ev_reauth,
        EventKind::MethodsRemoved => d.ev_methods_removed,
        // Shown by their own messages in the Security feed, not named here.
        EventKind::PasskeyFailed
        | EventKind::OidcLinked
        | EventKind::EmailChanged
        | EventKind::PhoneChanged
        | EventKind::PhoneChangeRequested
        | EventKind::PhoneChangeCancelled
        | EventKind::ChangeCodeFailed => "",
    }
}
