//! "My data": the profile form, the email, the phone change (with the 14-day path),
//! the first-order discount and deleting the profile. Every form is a plain form;
//! hydrated, they update the page in place.

use crate::account::changes::api::{
    ChangeConfirm, DeleteStart, EmailStart, PhoneCancel, PhoneStart,
};
use crate::account::changes::model::ChangeStep;
use crate::account::i18n::error_text;
use crate::account::profile::api::{SaveProfile, get_account};
use crate::account::profile::model::AccountView;
use crate::i18n::{fill, use_lang};
use crate::shared::error::AppError;
use crate::shared::money::Money;
use crate::shared::time::date_of;
use crate::ui::ErrorView;
use crate::ui::forms::action_error;
use crate::ui::require_sign_in;
use leptos::prelude::*;
use server_fn::ServerFn;

#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveProfile>,
    email: ServerAction<EmailStart>,
    confirm: ServerAction<ChangeConfirm>,
    phone: ServerAction<PhoneStart>,
    cancel: ServerAction<PhoneCancel>,
    delete: ServerAction<DeleteStart>,
}

impl Actions {
    fn version(&self) -> usize {
        self.save.version().get()
            + self.email.version().get()
            + self.confirm.version().get()
            + self.phone.version().get()
            + self.cancel.version().get()
            + self.delete.version().get()
    }
}

fn alert(e: Signal<Option<AppError>>) -> impl IntoView {
    let lang = use_lang();
    view! { <crate::ui::FormError message=Signal::derive(move || e.get().map(|e| error_text(lang, &e)))/> }
}

/// The "My data" sections, loaded and reloaded after every action.
#[component]
pub fn MyDataSections() -> impl IntoView {
    let lang = use_lang();
    let actions = Actions {
        save: ServerAction::new(),
        email: ServerAction::new(),
        confirm: ServerAction::new(),
        phone: ServerAction::new(),
        cancel: ServerAction::new(),
        delete: ServerAction::new(),
    };
    let data = Resource::new(move || actions.version(), |_| get_account());
    Effect::new(move |_| {
        if let Some(Ok(ChangeStep::Deleted)) = actions.confirm.value().get() {
            let _ = window().location().set_href("/");
        }
    });
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(v)) => view! { <Sections v actions/> }.into_any(),
                    Ok(None) => require_sign_in("/account").into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Sections(v: AccountView, actions: Actions) -> impl IntoView {
    let lang = use_lang();
    let d = lang.account();
    let p = v.profile.clone();
    let save_error = action_error(move || actions.save.value().get(), SaveProfile::PATH);
    let saved = move || matches!(actions.save.value().get(), Some(Ok(())));
    let email_error = action_error(move || actions.email.value().get(), EmailStart::PATH);
    let confirm_error = action_error(move || actions.confirm.value().get(), ChangeConfirm::PATH);
    let phone_error = action_error(move || actions.phone.value().get(), PhoneStart::PATH);
    let delete_error = action_error(move || actions.delete.value().get(), DeleteStart::PATH);
    let cancel_error = action_error(move || actions.cancel.value().get(), PhoneCancel::PATH);
    let confirmed = move || match actions.confirm.value().get() {
        Some(Ok(ChangeStep::EmailVerified)) => Some(d.email_verified_ok),
        Some(Ok(ChangeStep::PhoneChanged)) => Some(d.phone_changed_ok),
        Some(Ok(ChangeStep::Deleted)) => Some(d.deleted),
        _ => None,
    };
    let gender_option = move |value: &'static str, label: &'static str| {
        view! { <option value=value selected={p.gender == value}>{label}</option> }
    };
    let email_line = match (&v.me.email, v.me.email_verified) {
        (Some(e), true) => e.clone(),
        (Some(e), false) => format!("{e} ({})", d.email_unverified),
        (None, _) => d.not_set.to_string(),
    };
    view! {
        <div class="account-main">
        <section aria-labelledby="my-data">
            <h2 id="my-data">{d.my_data}</h2>
            <dl class="facts">
                <div><dt>{d.phone}</dt><dd data-testid="my-phone">{v.me.phone.clone()}</dd></div>
                <div><dt>{d.email}</dt><dd data-testid="my-email">{email_line}</dd></div>
            </dl>
            {v.discounts.iter().map(|(pct, max)| view! {
                <p class="discount">{fill(d.discount_line, &[&pct.to_string(), &Money::from_kopecks(*max).to_string()])}</p>
            }).collect_view()}
            <p role="status" class="form-status">{confirmed}</p>
            {v.pending_code.clone().map(|(_, to)| view! {
                <ActionForm action=actions.confirm attr:class="signin-form code-form">
                    <p class="hint">{fill(d.code_sent_to, &[&to])}</p>
                    <label for="change-code">{d.code_label}</label>
                    <input id="change-code" name="code" class="code-input" inputmode="numeric"
                        autocomplete="one-time-code" required maxlength="12"/>
                    <button type="submit" class="button">{d.confirm}</button>
                    {alert(confirm_error)}
                </ActionForm>
            })}
            <ActionForm action=actions.save attr:class="profile-form">
                <label for="last-name">{d.last_name}</label>
                <input id="last-name" name="last_name" maxlength="60" autocomplete="family-name" value=p.last_name.clone()/>
                <label for="first-name">{d.first_name}</label>
                <input id="first-name" name="first_name" maxlength="60" autocomplete="given-name" value=p.first_name.clone()/>
                <label for="middle-name">{d.middle_name}</label>
                <input id="middle-name" name="middle_name" maxlength="60" autocomplete="additional-name" value=p.middle_name.clone()/>
                <label for="gender">{d.gender}</label>
                <select id="gender" name="gender">
                    {gender_option("", d.gender_none)}
                    {gender_option("male", d.gender_male)}
                    {gender_option("female", d.gender_female)}
                </select>
                <label for="birth-date">{d.birth_date}</label>
                <input id="birth-date" name="birth_date" type="date" min="1900-01-01" value=p.birth_date.clone()/>
                <label class="checkbox">
                    <input type="checkbox" name="newsletter" checked=p.newsletter/>
                    {d.newsletter}
                </label>
                <label class="checkbox">
                    <input type="checkbox" name="chat_emails" checked=p.chat_emails/>
                    {d.chat_emails}
                </label>
                <button type="submit" class="button">{d.save}</button>
                <p role="status" class="form-status">{move || saved().then_some(d.saved)}</p>
                {alert(save_error)}
            </ActionForm>
        </section>
        <section aria-labelledby="email-title">
            <h2 id="email-title">{d.email}</h2>
            <ActionForm action=actions.email attr:class="signin-form">
                <label for="new-email">{d.email_label}</label>
                <input id="new-email" name="email" type="email" autocomplete="email" required maxlength="254"/>
                <button type="submit" class="button-secondary">{d.email_add}</button>
                {alert(email_error)}
            </ActionForm>
        </section>
        <section aria-labelledby="phone-title">
            <h2 id="phone-title">{d.phone_change}</h2>
            {match v.waiting_phone.clone() {
                Some((to, due)) => view! {
                    <p class="notice" role="status">{fill(d.phone_waiting, &[&to, &date_of(due)])}</p>
                    <ActionForm action=actions.cancel>
                        <button type="submit" class="button-secondary">{d.cancel_change}</button>
                        {alert(cancel_error)}
                    </ActionForm>
                }.into_any(),
                None => view! {
                    <ActionForm action=actions.phone attr:class="signin-form">
                        <label for="new-phone">{d.new_phone}</label>
                        <input id="new-phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required maxlength="32"/>
                        <label class="checkbox">
                            <input type="checkbox" name="lost" aria-describedby="lost-hint"/>
                            {d.no_access}
                        </label>
                        <p id="lost-hint" class="hint">{d.no_access_hint}</p>
                        <button type="submit" class="button-secondary">{d.phone_change}</button>
                        {alert(phone_error)}
                    </ActionForm>
                }.into_any(),
            }}
        </section>
        <section aria-labelledby="delete-title">
            <h2 id="delete-title">{d.delete_title}</h2>
            <p class="hint">{d.delete_lead}</p>
            <ActionForm action=actions.delete attr:class="signin-form">
                <label for="delete-reason">{d.delete_reason}</label>
                <select id="delete-reason" name="reason" required>
                    <option value="not_using">{d.reason_not_using}</option>
                    <option value="privacy">{d.reason_privacy}</option>
                    <option value="duplicate">{d.reason_duplicate}</option>
                    <option value="service">{d.reason_service}</option>
                    <option value="other">{d.reason_other}</option>
                </select>
                <label for="delete-comment">{d.delete_comment}</label>
                <textarea id="delete-comment" name="comment" maxlength="1000" rows="2"></textarea>
                <button type="submit" class="button-secondary">{d.delete_send_code}</button>
                {alert(delete_error)}
            </ActionForm>
        </section>
        </div>
    }
}
