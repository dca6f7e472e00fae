//! Rynok ID pages.

mod account_page;
mod my_data;
mod recovery_page;
mod signin_page;

pub use account_page::{AccountPage, SecurityPage};
pub use recovery_page::RecoveryPage;
pub use signin_page::{SignInFlow, SignInPage};

use crate::account::i18n::{AccountDict, wait_text};
use crate::i18n::Lang;
use crate::shared::error::AppError;

/// The message for a failed Rynok ID action, in the page's language.
pub fn error_text(lang: Lang, e: &AppError) -> String {
    let d: &AccountDict = lang.account();
    let t = lang.dict();
    match e {
        AppError::Invalid { field, message } => match (field.as_str(), message.as_str()) {
            ("phone", "empty") => d.err_phone_empty.into(),
            ("phone", "same") => d.err_phone_same.into(),
            ("phone", "pending") => d.err_phone_pending.into(),
            ("last_name" | "first_name" | "middle_name", _) => d.err_name.into(),
            ("gender", _) => d.err_gender.into(),
            ("birth_date", "future") => d.err_birth_future.into(),
            ("birth_date", "too_old") => d.err_birth_old.into(),
            ("birth_date", _) => d.err_birth_date.into(),
            ("reason", _) => d.err_reason.into(),
            ("order_number", _) => d.err_order_number.into(),
            ("full_name", _) => d.err_full_name.into(),
            ("phone", "bad_characters") => d.err_phone_chars.into(),
            ("phone", "not_mobile") => d.err_phone_mobile.into(),
            ("phone", "unknown_country") => d.err_phone_country.into(),
            ("phone", "country_closed") => d.err_phone_closed.into(),
            ("phone", _) => d.err_phone_length.into(),
            ("email", _) => d.err_email.into(),
            ("code", _) => d.err_code_format.into(),
            ("terms", _) => d.err_terms.into(),
            _ => t.error_text.into(),
        },
        AppError::WrongCode { attempts_left } => {
            crate::i18n::fill(d.err_wrong_code, &[&attempts_left.to_string()])
        }
        AppError::CodeExpired => d.err_code_expired.into(),
        AppError::CodeBurned => d.err_code_burned.into(),
        AppError::TooManyRequests { retry_after_secs } => {
            crate::i18n::fill(d.err_too_many, &[&wait_text(lang, *retry_after_secs)])
        }
        AppError::Unauthorized => d.err_unauthorized.into(),
        AppError::Taken { field } if field == "email" => d.err_email_taken.into(),
        AppError::Taken { .. } => d.err_phone_taken.into(),
        AppError::Blocked { reasons } => {
            let mut text = d.blocked_intro.to_string();
            for r in reasons {
                text.push(' ');
                text.push_str(match r.as_str() {
                    "phone_change_pending" => d.blocker_phone_change_pending,
                    "no_contact" => d.blocker_no_contact,
                    _ => t.error_text,
                });
            }
            text
        }
        AppError::ReauthRequired => d.err_reauth.into(),
        AppError::Forbidden => t.forbidden.into(),
        AppError::Transport(_) => t.network_error.into(),
        AppError::NotFound | AppError::InsufficientStock { .. } | AppError::Internal => {
            t.error_text.into()
        }
    }
}

/// A `next` address from the query, if it is a path on this site (never another
/// origin: "//evil.example" and "/\evil" are refused).
pub fn safe_next(raw: Option<String>) -> String {
    raw.filter(|n| {
        n.starts_with('/')
            && !n.starts_with("//")
            && !n.starts_with("/\\")
            && !n.chars().any(|c| c.is_control())
            && n.len() < 500
    })
    .unwrap_or_else(|| "/account".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/cart".into())), "/cart");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_next(Some(bad.into())), "/account", "{bad}");
        }
        assert_eq!(safe_next(None), "/account");
    }
}
