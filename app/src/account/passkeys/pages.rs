//! Passkey widgets: "add a passkey" on the Security page and "sign in with a
//! passkey" on the sign-in steps. Both need JavaScript, so they appear only once the
//! page is interactive and the browser supports WebAuthn.

use crate::account::changes::api::{reauth_confirm, reauth_start};
use crate::account::changes::model::ChangeStep;
use crate::account::i18n::error_text;
use crate::account::passkeys::api::{
    passkey_login_finish, passkey_login_start, passkey_register_finish, passkey_register_start,
};
use crate::account::passkeys::webauthn_js;
use crate::i18n::use_lang;
use crate::shared::error::AppError;
use crate::shared::error::{Field, Problem};
use leptos::prelude::*;

/// True once hydrated in a browser that has WebAuthn.
fn use_supported() -> ReadSignal<bool> {
    let (ok, set_ok) = signal(false);
    Effect::new(move |_| set_ok.set(webauthn_js::supported()));
    ok
}

/// Names and adds a passkey; bumps `changed` when one was added.
#[component]
pub fn PasskeyAdd(changed: WriteSignal<usize>) -> impl IntoView {
    let lang = use_lang();
    let d = lang.account();
    let supported = use_supported();
    let (name, set_name) = signal(String::new());
    let (message, set_message) = signal(None::<Result<(), AppError>>);
    let busy = RwSignal::new(false);
    let (reauth, set_reauth) = signal(false);
    let (reauthed, set_reauthed) = signal(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let n = name.get_untracked();
        leptos::task::spawn_local(async move {
            let result = async {
                let options = passkey_register_start(n).await?;
                let credential = webauthn_js::create(options)
                    .await
                    .ok_or_else(|| AppError::invalid(Field::Credential, Problem::Cancelled))?;
                passkey_register_finish(credential).await
            }
            .await;
            if result.is_ok() {
                set_name.set(String::new());
                changed.update(|v| *v += 1);
            }
            if matches!(result, Err(AppError::ReauthRequired)) {
                set_reauth.set(true);
            }
            set_message.set(Some(result));
            busy.set(false);
        });
    };
    view! {
        <Show when=move || supported.get() fallback=move || view! { <p class="hint">{d.passkeys_need_js}</p> }>
            <form class="signin-form" on:submit=on_submit>
                <label for="passkey-name">{d.passkey_name}</label>
                <input id="passkey-name" name="name" required maxlength="50" placeholder=d.passkey_name_hint
                    prop:value=move || name.get() on:input=move |ev| set_name.set(event_target_value(&ev))/>
                <button type="submit" class="button-secondary" disabled=move || busy.get()>{d.passkey_add}</button>
                <p role="status" class="form-status">{move || match message.get() {
                    Some(Ok(())) => Some(d.passkey_added),
                    _ if reauthed.get() => Some(d.reauth_done),
                    _ => None,
                }}</p>
                // A refusal for want of a fresh proof is explained by the step below.
                <crate::ui::FormError message=Signal::derive(move || match message.get() {
                    Some(Err(AppError::ReauthRequired)) => None,
                    Some(Err(e)) => Some(passkey_error(lang, &e)),
                    _ => None,
                })/>
            </form>
            <Show when=move || reauth.get()>
                <Reauth done=move || {
                    set_reauth.set(false);
                    set_message.set(None);
                    set_reauthed.set(true);
                }/>
            </Show>
        </Show>
    }
}

/// Proves the account afresh in this session: a code to its phone, typed here.
/// Calls `done` once the code is accepted.
#[component]
fn Reauth(done: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let lang = use_lang();
    let d = lang.account();
    let (sent_to, set_sent_to) = signal(None::<String>);
    let (code, set_code) = signal(String::new());
    let (error, set_error) = signal(None::<AppError>);
    let send = move |_| {
        leptos::task::spawn_local(async move {
            match reauth_start().await {
                Ok(ChangeStep::CodeSent { to }) => {
                    set_error.set(None);
                    set_sent_to.set(Some(to));
                }
                Ok(_) => {}
                Err(e) => set_error.set(Some(e)),
            }
        });
    };
    let on_confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let done = done.clone();
        leptos::task::spawn_local(async move {
            match reauth_confirm(code.get_untracked()).await {
                Ok(_) => done(),
                Err(e) => set_error.set(Some(e)),
            }
        });
    };
    view! {
        <div class="reauth" role="group" aria-labelledby="reauth-lead">
            <p id="reauth-lead" class="hint">{d.err_reauth}</p>
            {move || match sent_to.get() {
                None => view! {
                    <button type="button" class="button-secondary" on:click=send>{d.reauth_send}</button>
                }.into_any(),
                Some(to) => view! {
                    <form class="signin-form code-form" on:submit=on_confirm.clone()>
                        <p class="hint">{crate::i18n::fill(d.code_sent_to, &[&to])}</p>
                        <label for="reauth-code">{d.code_label}</label>
                        <input id="reauth-code" name="code" class="code-input" inputmode="numeric"
                            autocomplete="one-time-code" required maxlength="12"
                            prop:value=move || code.get() on:input=move |ev| set_code.set(event_target_value(&ev))/>
                        <button type="submit" class="button">{d.confirm}</button>
                    </form>
                }.into_any(),
            }}
            <crate::ui::FormError message=Signal::derive(move || error.get().map(|e| error_text(lang, &e)))/>
        </div>
    }
}

fn passkey_error(lang: crate::i18n::Lang, e: &AppError) -> String {
    let d = lang.account();
    match e {
        AppError::Invalid {
            field: Field::Credential,
            ..
        } => d.passkey_failed.to_string(),
        AppError::Invalid {
            field: Field::Name, ..
        } => d.passkey_name_error.to_string(),
        other => error_text(lang, other),
    }
}

/// "Sign in with a passkey"; on success the browser loads `next`.
#[component]
pub fn PasskeySignIn(next: String) -> impl IntoView {
    let lang = use_lang();
    let d = lang.account();
    let supported = use_supported();
    let (error, set_error) = signal(None::<AppError>);
    let on_click = move |_| {
        let next = next.clone();
        leptos::task::spawn_local(async move {
            let result = async {
                let options = passkey_login_start().await?;
                let credential = webauthn_js::get(options)
                    .await
                    .ok_or_else(|| AppError::invalid(Field::Credential, Problem::Cancelled))?;
                passkey_login_finish(credential).await
            }
            .await;
            match result {
                Ok(_) => {
                    let _ = window().location().set_href(&next);
                }
                Err(e) => set_error.set(Some(e)),
            }
        });
    };
    view! {
        <Show when=move || supported.get()>
            <div class="passkey-signin">
                <button type="button" class="button-secondary" on:click=on_click.clone()>{d.passkey_sign_in}</button>
                <crate::ui::FormError message=Signal::derive(move || error.get().map(|e| passkey_error(lang, &e)))/>
            </div>
        </Show>
    }
}
