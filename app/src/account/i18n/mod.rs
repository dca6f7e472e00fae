//! Rynok ID strings, Russian first. Kept beside the domain; `Lang::account()` picks one.

use crate::account::security::model::Notice;
use crate::i18n::Lang;
use crate::shared::error::{AppError, Blocker, Field, Problem};

mod dict;
mod en;
mod ru;

pub use dict::AccountDict;
pub use en::EN;
pub use ru::RU;

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

/// The message for a failed Rynok ID action, in the page's language.
pub fn error_text(lang: Lang, e: &AppError) -> String {
    let d: &AccountDict = lang.account();
    let t = lang.dict();
    match e {
        AppError::Invalid { field, message } => match (field, message) {
            (Field::Phone, Problem::Empty) => d.err_phone_empty.into(),
            (Field::Phone, Problem::Same) => d.err_phone_same.into(),
            (Field::Phone, Problem::Pending) => d.err_phone_pending.into(),
            (Field::Phone, Problem::BadCharacters) => d.err_phone_chars.into(),
            (Field::Phone, Problem::NotMobile) => d.err_phone_mobile.into(),
            (Field::Phone, Problem::UnknownCountry) => d.err_phone_country.into(),
            (Field::Phone, Problem::CountryClosed) => d.err_phone_closed.into(),
            (Field::Phone, _) => d.err_phone_length.into(),
            (Field::LastName | Field::FirstName | Field::MiddleName, _) => d.err_name.into(),
            (Field::Gender, _) => d.err_gender.into(),
            (Field::BirthDate, Problem::Future) => d.err_birth_future.into(),
            (Field::BirthDate, Problem::TooOld) => d.err_birth_old.into(),
            (Field::BirthDate, _) => d.err_birth_date.into(),
            (Field::Reason, _) => d.err_reason.into(),
            (Field::OrderNumber, _) => d.err_order_number.into(),
            (Field::FullName, _) => d.err_full_name.into(),
            (Field::Email, _) => d.err_email.into(),
            (Field::Code, _) => d.err_code_format.into(),
            (Field::Terms, _) => d.err_terms.into(),
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
        AppError::Taken {
            field: Field::Email,
        } => d.err_email_taken.into(),
        AppError::Taken { .. } => d.err_phone_taken.into(),
        AppError::Blocked { reasons } => {
            let mut text = d.blocked_intro.to_string();
            for r in reasons {
                text.push(' ');
                text.push_str(match r {
                    Blocker::PhoneChangePending => d.blocker_phone_change_pending,
                    Blocker::NoContact => d.blocker_no_contact,
                    Blocker::ContactChangedRecently => d.blocker_contact_changed,
                    Blocker::WalletNotEmpty => d.blocker_wallet_not_empty,
                    Blocker::WithdrawalInProgress => d.blocker_withdrawal,
                    Blocker::TopUpInProgress => d.blocker_topup,
                    Blocker::CardOpen => d.blocker_card,
                    Blocker::OrderInProgress => d.blocker_order,
                    Blocker::ReturnInProgress => d.blocker_return,
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

/// A Security message in the reader's language; `code` stands where a live code
/// goes (the code, or dots once it is used or expired).
pub fn notice_text(lang: Lang, n: &Notice, code: &str) -> String {
    use crate::i18n::fill;
    let d = lang.account();
    match n {
        Notice::SignedIn { browser, ip } => fill(d.msg_signed_in, &[&browser_or(d, browser), ip]),
        Notice::Welcome => d.msg_welcome.into(),
        Notice::CodeElsewhere => fill(d.msg_code_elsewhere, &[code]),
        Notice::CodeWrong { browser, ip } => fill(d.msg_code_wrong, &[&browser_or(d, browser), ip]),
        Notice::CodeBurned => d.msg_code_burned.into(),
        Notice::EmailChanged { email } => fill(d.msg_email_changed, &[email]),
        Notice::PhoneChanged { phone } => fill(d.msg_phone_changed, &[phone]),
        Notice::PhoneChangeWaiting { phone, date } => {
            fill(d.msg_phone_change_waiting, &[phone, date])
        }
        Notice::PhoneChangeCancelled => d.msg_phone_change_cancelled.into(),
        Notice::PasskeyAdded { name } => fill(d.msg_passkey_added, &[name]),
        Notice::PasskeyRemoved => d.msg_passkey_removed.into(),
    }
}

/// A browser's name, or "an unknown browser" in the reader's language.
fn browser_or(d: &AccountDict, browser: &str) -> String {
    if browser.is_empty() {
        d.unknown_browser.to_string()
    } else {
        browser.to_string()
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
