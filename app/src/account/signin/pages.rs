//! The sign-in page: phone (or email) → code → terms for a new number. Every step is
//! a plain form, so it works without JavaScript; hydrated, the code submits itself
//! when six digits are in and the resend button counts down.

use crate::account::i18n::{countdown, error_text};
use crate::account::otp::model::Channel;
use crate::account::signin::api::{
    SigninCancel, SigninCode, SigninEmail, SigninPhone, SigninResend, SigninTerms, signin_state,
};
use crate::account::signin::model::{SignInStep, safe_next};
use crate::i18n::{fill, use_lang};
use crate::shared::error::AppError;
use crate::ui::ErrorView;
use crate::ui::forms::action_error;
use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[derive(Clone, Copy)]
struct Actions {
    phone: ServerAction<SigninPhone>,
    email: ServerAction<SigninEmail>,
    code: ServerAction<SigninCode>,
    resend: ServerAction<SigninResend>,
    terms: ServerAction<SigninTerms>,
    cancel: ServerAction<SigninCancel>,
}

impl Actions {
    fn new() -> Self {
        Actions {
            phone: ServerAction::new(),
            email: ServerAction::new(),
            code: ServerAction::new(),
            resend: ServerAction::new(),
            terms: ServerAction::new(),
            cancel: ServerAction::new(),
        }
    }

    fn version(&self) -> usize {
        self.phone.version().get()
            + self.email.version().get()
            + self.code.version().get()
            + self.resend.version().get()
            + self.terms.version().get()
            + self.cancel.version().get()
    }

    /// Whether the last code or terms action signed the person in.
    fn done(&self) -> bool {
        matches!(self.code.value().get(), Some(Ok(SignInStep::Done)))
            || matches!(self.terms.value().get(), Some(Ok(SignInStep::Done)))
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.account();
    let query = use_query_map();
    let next = safe_next(query.with_untracked(|q| q.get("next")));
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok ID", d.signin_title))/>
        <section class="signin">
            <h1>{d.signin_title}</h1>
            <SignInFlow next/>
        </section>
    }
}

/// The sign-in steps, for the page and for the header's dialog. When done, the
/// browser loads `next` afresh, so everything on it sees the session.
#[component]
pub fn SignInFlow(next: String) -> impl IntoView {
    // Every caller's `next` passes the server's rule, also in the browser: the
    // header dialog passes the current path, which can be "//evil.example".
    let next = safe_next(Some(next));
    let lang = use_lang();
    let d = lang.account();
    let actions = Actions::new();
    let step = Resource::new(move || actions.version(), |_| signin_state());
    let next_done = next.clone();
    Effect::new(move |_| {
        if actions.done() {
            let _ = window().location().set_href(&next_done);
        }
    });
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {
                let next = next.clone();
                move || {
                    let next = next.clone();
                    Suspend::new(async move {
                        match step.await {
                            Ok(SignInStep::Start) => {
                                let next = next.clone();
                                view! {
                                    <StartStep actions/>
                                    <crate::account::passkeys::pages::PasskeySignIn next=next.clone()/>
                                    <ProviderButtons next/>
                                }
                                .into_any()
                            }
                            Ok(SignInStep::Code { to, channel, resend_in }) => {
                                view! { <CodeStep actions to channel resend_in/> }.into_any()
                            }
                            Ok(SignInStep::Terms { to }) => view! { <TermsStep actions to/> }.into_any(),
                            Ok(SignInStep::Done) => {
                                #[cfg(feature = "ssr")]
                                leptos_axum::redirect(&next);
                                view! {
                                    <p role="status">{d.signed_in}</p>
                                    <a class="button" href=next>{d.to_account}</a>
                                }
                                .into_any()
                            }
                            Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        }
                    })
                }
            }
        </Suspense>
    }
}

/// Applies the +7 mask as the person types (hydrated; the server parses any form anyway).
fn mask_phone(ev: leptos::ev::Event) {
    if let Some(input) = ev
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
    {
        let masked = crate::shared::phone::phone_mask(&input.value());
        if masked != input.value() {
            input.set_value(&masked);
        }
    }
}

fn show_error(e: Signal<Option<AppError>>) -> impl IntoView {
    let lang = use_lang();
    view! { <crate::ui::FormError message=Signal::derive(move || e.get().map(|e| error_text(lang, &e)))/> }
}

#[component]
fn StartStep(actions: Actions) -> impl IntoView {
    let d = use_lang().account();
    let query = use_query_map();
    let by_email = move || query.with(|q| q.get("by").as_deref() == Some("email"));
    let phone_error = action_error(move || actions.phone.value().get(), SigninPhone::PATH);
    let email_error = action_error(move || actions.email.value().get(), SigninEmail::PATH);
    view! {
        <Show
            when=by_email
            fallback=move || view! {
                <p class="lead">{d.signin_lead}</p>
                <ActionForm action=actions.phone attr:class="signin-form">
                    <label for="signin-phone">{d.phone_label}</label>
                    <input id="signin-phone" name="phone" type="tel" inputmode="tel"
                        autocomplete="tel" required maxlength="32" placeholder="+7 ___ ___-__-__"
                        aria-describedby="signin-phone-hint" autofocus on:input=mask_phone/>
                    <p id="signin-phone-hint" class="hint">{d.phone_hint}</p>
                    <input type="hidden" name="channel" value="call"/>
                    <button type="submit" class="button">{d.get_code}</button>
                    {show_error(phone_error)}
                </ActionForm>
                <a href="/signin?by=email" class="button-link">{d.by_email}</a>
                " "
                <a href="/signin/recovery" class="button-link">{d.recovery_title}</a>
            }
        >
            <p class="lead">{d.email_lead}</p>
            <ActionForm action=actions.email attr:class="signin-form">
                <label for="signin-email">{d.email_label}</label>
                <input id="signin-email" name="email" type="email" autocomplete="email" required maxlength="254"/>
                <button type="submit" class="button">{d.get_code}</button>
                {show_error(email_error)}
            </ActionForm>
            <a href="/signin" class="button-link">{d.by_phone}</a>
        </Show>
    }
}

#[component]
fn CodeStep(actions: Actions, to: String, channel: Channel, resend_in: i64) -> impl IntoView {
    let d = use_lang().account();
    let code_error = action_error(move || actions.code.value().get(), SigninCode::PATH);
    let resend_error = action_error(move || actions.resend.value().get(), SigninResend::PATH);
    let hint = match channel {
        Channel::Call => fill(d.code_call_hint, &[&to]),
        Channel::Sms => fill(d.code_sms_hint, &[&to]),
        Channel::Email => fill(d.code_email_hint, &[&to]),
    };
    let (left, set_left) = signal(resend_in);
    // Counts down once a second in the browser; the server enforces the same interval.
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            loop {
                gloo_timers::future::TimeoutFuture::new(1_000).await;
                let more = set_left.try_update(|s| {
                    *s = (*s - 1).max(0);
                    *s > 0
                });
                if more != Some(true) {
                    break;
                }
            }
        });
    });
    let form = NodeRef::<html::Form>::new();
    let on_input = move |ev: leptos::ev::Event| {
        let raw = event_target_value(&ev);
        let digits: String = raw.chars().filter(char::is_ascii_digit).take(6).collect();
        if digits != raw
            && let Some(input) = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
        {
            input.set_value(&digits);
        }
        if digits.len() == 6
            && let Some(f) = form.get()
        {
            let _ = f.request_submit();
        }
    };
    view! {
        <p class="lead" id="code-hint">{hint}</p>
        <ActionForm action=actions.code node_ref=form attr:class="signin-form">
            <label for="signin-code">{d.code_label}</label>
            <input id="signin-code" name="code" class="code-input" inputmode="numeric"
                autocomplete="one-time-code" required maxlength="12" pattern="[0-9 \\-]*"
                aria-describedby="code-hint" autofocus on:input=on_input/>
            <button type="submit" class="button">{d.check_code}</button>
            {show_error(code_error)}
        </ActionForm>
        <div class="resend">
            <p role="status" class="hint">
                {move || (left.get() > 0).then(|| fill(d.resend_in, &[&countdown(left.get())]))}
            </p>
            <ActionForm action=actions.resend>
                <input type="hidden" name="channel" value=""/>
                <button type="submit" class="button-link" disabled={move || left.get() > 0}>{d.resend}</button>
            </ActionForm>
            {(channel == Channel::Call).then(|| view! {
                <ActionForm action=actions.resend>
                    <input type="hidden" name="channel" value="sms"/>
                    <button type="submit" class="button-link" disabled={move || left.get() > 0}>{d.sms_instead}</button>
                </ActionForm>
            })}
            {show_error(resend_error)}
            <ActionForm action=actions.cancel>
                <button type="submit" class="button-link">{d.other_number}</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn TermsStep(actions: Actions, to: String) -> impl IntoView {
    let d = use_lang().account();
    let terms_error = action_error(move || actions.terms.value().get(), SigninTerms::PATH);
    view! {
        <h2>{d.terms_title}</h2>
        <p class="lead">{fill(d.terms_text, &[&to])}</p>
        <ActionForm action=actions.terms attr:class="signin-form">
            <label class="checkbox">
                <input type="checkbox" name="accept" required/>
                {d.terms_accept}
            </label>
            <button type="submit" class="button">{d.create_account}</button>
            {show_error(terms_error)}
        </ActionForm>
        <ActionForm action=actions.cancel>
            <button type="submit" class="button-link">{d.other_number}</button>
        </ActionForm>
    }
}

/// "Sign in with Sber ID / Apple" for each configured provider. Plain forms: the
/// server answers with a redirect to the provider.
#[component]
fn ProviderButtons(next: String) -> impl IntoView {
    use crate::account::oidc::api::{OidcStart, oidc_providers};
    let d = use_lang().account();
    let providers = Resource::new(|| (), |_| oidc_providers());
    let start = ServerAction::<OidcStart>::new();
    let failed = use_query_map().with_untracked(|q| q.get("oidc").is_some());
    view! {
        {failed.then(|| view! { <crate::ui::FormError message=Signal::derive(move || Some(d.oidc_failed.to_string()))/> })}
        <Suspense fallback=|| ()>
            {
                let next = next.clone();
                move || {
                    let next = next.clone();
                    Suspend::new(async move {
                        let list = providers.await.unwrap_or_default();
                        (!list.is_empty()).then(|| view! {
                            <div class="providers">
                                <p class="hint">{d.oidc_terms}</p>
                                {list.into_iter().map(|(name, label)| (name, label, next.clone())).map(|(name, label, next)| view! {
                                    <ActionForm action=start attr:class="provider-form">
                                        <input type="hidden" name="provider" value=name/>
                                        <input type="hidden" name="next" value=next/>
                                        <button type="submit" class="button-secondary">{fill(d.oidc_button, &[&label])}</button>
                                    </ActionForm>
                                }).collect_view()}
                            </div>
                        })
                    })
                }
            }
        </Suspense>
    }
}
