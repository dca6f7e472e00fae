//! Rynok ID strings, Russian first. Kept beside the domain; `Lang::account()` picks one.

use crate::i18n::Lang;

mod en;
mod ru;

pub use en::EN;
pub use ru::RU;

pub struct AccountDict {
    pub signin_title: &'static str,
    pub signin_lead: &'static str,
    pub phone_label: &'static str,
    pub phone_hint: &'static str,
    pub get_code: &'static str,
    pub by_email: &'static str,
    pub by_phone: &'static str,
    pub email_label: &'static str,
    pub email_lead: &'static str,
    pub code_label: &'static str,
    pub code_call_hint: &'static str,
    pub code_sms_hint: &'static str,
    pub code_email_hint: &'static str,
    pub check_code: &'static str,
    pub resend_in: &'static str,
    pub resend: &'static str,
    pub sms_instead: &'static str,
    pub other_number: &'static str,
    pub terms_title: &'static str,
    pub terms_text: &'static str,
    pub terms_accept: &'static str,
    pub create_account: &'static str,
    pub signed_in: &'static str,
    pub to_account: &'static str,
    pub account_title: &'static str,
    pub my_data: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub not_set: &'static str,
    pub sign_out: &'static str,
    pub security_title: &'static str,
    pub sessions_title: &'static str,
    pub this_device: &'static str,
    pub last_seen: &'static str,
    pub end_session: &'static str,
    pub end_others: &'static str,
    pub history_title: &'static str,
    pub messages_title: &'static str,
    pub no_messages: &'static str,
    pub unknown_browser: &'static str,
    pub first_order_discount: &'static str,
    // errors
    pub err_phone_empty: &'static str,
    pub err_phone_chars: &'static str,
    pub err_phone_length: &'static str,
    pub sms_email_added: &'static str,
    pub sms_passkey_added: &'static str,
    pub err_reauth: &'static str,
    pub reauth_send: &'static str,
    pub reauth_done: &'static str,
    pub recent_title: &'static str,
    pub recent_hint: &'static str,
    pub recent_remove: &'static str,
    pub recent_removed: &'static str,
    pub recent_passkey: &'static str,
    pub recent_email: &'static str,
    pub recent_provider: &'static str,
    pub others_ended: &'static str,
    pub ev_reauth: &'static str,
    pub ev_methods_removed: &'static str,
    pub err_phone_country: &'static str,
    pub err_phone_closed: &'static str,
    pub err_phone_mobile: &'static str,
    pub err_email: &'static str,
    pub err_code_format: &'static str,
    pub err_wrong_code: &'static str,
    pub err_code_expired: &'static str,
    pub err_code_burned: &'static str,
    pub err_too_many: &'static str,
    pub err_terms: &'static str,
    pub err_unauthorized: &'static str,
    pub err_phone_taken: &'static str,
    pub err_email_taken: &'static str,
    pub err_phone_same: &'static str,
    pub err_phone_pending: &'static str,
    pub err_name: &'static str,
    pub err_gender: &'static str,
    pub err_birth_date: &'static str,
    pub err_birth_future: &'static str,
    pub err_birth_old: &'static str,
    pub err_reason: &'static str,
    pub blocked_intro: &'static str,
    pub blocker_phone_change_pending: &'static str,
    pub saved: &'static str,
    pub last_name: &'static str,
    pub first_name: &'static str,
    pub middle_name: &'static str,
    pub gender: &'static str,
    pub gender_none: &'static str,
    pub gender_male: &'static str,
    pub gender_female: &'static str,
    pub birth_date: &'static str,
    pub newsletter: &'static str,
    pub save: &'static str,
    pub email_add: &'static str,
    pub email_unverified: &'static str,
    pub code_sent_to: &'static str,
    pub confirm: &'static str,
    pub email_verified_ok: &'static str,
    pub phone_change: &'static str,
    pub new_phone: &'static str,
    pub no_access: &'static str,
    pub no_access_hint: &'static str,
    pub phone_changed_ok: &'static str,
    pub phone_waiting: &'static str,
    pub cancel_change: &'static str,
    pub delete_title: &'static str,
    pub delete_lead: &'static str,
    pub delete_reason: &'static str,
    pub reason_not_using: &'static str,
    pub reason_privacy: &'static str,
    pub reason_duplicate: &'static str,
    pub reason_service: &'static str,
    pub reason_other: &'static str,
    pub delete_comment: &'static str,
    pub delete_send_code: &'static str,
    pub delete_confirm: &'static str,
    pub deleted: &'static str,
    pub recovery_title: &'static str,
    pub recovery_lead: &'static str,
    pub full_name: &'static str,
    pub old_phone: &'static str,
    pub order_number: &'static str,
    pub send_request: &'static str,
    pub recovery_done: &'static str,
    pub err_order_number: &'static str,
    pub err_full_name: &'static str,
    pub discount_line: &'static str,
    pub passkeys_title: &'static str,
    pub passkeys_none: &'static str,
    pub passkeys_need_js: &'static str,
    pub passkey_name: &'static str,
    pub passkey_name_hint: &'static str,
    pub passkey_add: &'static str,
    pub passkey_added: &'static str,
    pub passkey_failed: &'static str,
    pub passkey_name_error: &'static str,
    pub passkey_delete: &'static str,
    pub passkey_sign_in: &'static str,
    pub passkey_last_used: &'static str,
    pub ev_passkey_added: &'static str,
    pub ev_passkey_removed: &'static str,
    pub oidc_button: &'static str,
    pub oidc_terms: &'static str,
    pub oidc_failed: &'static str,
    pub blocker_no_contact: &'static str,
    pub msg_passkey_removed: &'static str,
    // messages sent
    pub sms_code: &'static str,
    pub email_code_subject: &'static str,
    pub email_code_body: &'static str,
    pub email_signin_subject: &'static str,
    pub email_signin_body: &'static str,
    pub msg_code_elsewhere: &'static str,
    pub msg_code_burned: &'static str,
    pub msg_code_wrong: &'static str,
    pub email_code_burned_subject: &'static str,
    pub email_code_burned_body: &'static str,
    pub msg_signed_in: &'static str,
    pub msg_welcome: &'static str,
    pub sms_change_code: &'static str,
    pub email_change_subject: &'static str,
    pub email_change_body: &'static str,
    pub email_contact_changed_subject: &'static str,
    pub msg_email_changed: &'static str,
    pub msg_phone_changed: &'static str,
    pub msg_passkey_added: &'static str,
    pub msg_phone_change_waiting: &'static str,
    pub msg_phone_change_cancelled: &'static str,
    // sign-in history
    pub ev_signin: &'static str,
    pub ev_signin_failed: &'static str,
    pub ev_signup: &'static str,
    pub ev_signout: &'static str,
    pub ev_session_ended: &'static str,
    pub ev_sessions_ended: &'static str,
}

impl Lang {
    pub fn account(self) -> &'static AccountDict {
        match self {
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }
}

/// "0:59": the countdown to the next code.
pub fn countdown(secs: i64) -> String {
    let s = secs.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

/// "45 с" / "12 мин": how long to wait, for an error message.
pub fn wait_text(lang: Lang, secs: i64) -> String {
    let mins = (secs + 59) / 60;
    match (lang, secs < 120) {
        (Lang::Ru, true) => format!("{secs} с"),
        (Lang::Ru, false) => format!("{mins} мин"),
        (Lang::En, true) => format!("{secs} s"),
        (Lang::En, false) => format!("{mins} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdown_reads_like_a_clock() {
        assert_eq!(countdown(59), "0:59");
        assert_eq!(countdown(60), "1:00");
        assert_eq!(countdown(-3), "0:00");
        assert_eq!(wait_text(Lang::Ru, 45), "45 с");
        assert_eq!(wait_text(Lang::Ru, 600), "10 мин");
    }
}
