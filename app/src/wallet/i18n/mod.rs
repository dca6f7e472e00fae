//! Rynok Account's strings, Russian first. `Lang::wallet()` picks one.

use crate::i18n::{Lang, fill};
use crate::shared::error::{AppError, Field, Problem};
use crate::wallet::card::model::CardStatus;
use crate::wallet::statement::model::{OpKind, OpStatus};
use crate::wallet::topups::model::TopUpStatus;
use crate::wallet::withdrawals::model::WithdrawalStatus;

mod dict;
mod en;
mod ru;

pub use dict::WalletDict;

impl Lang {
    pub fn wallet(self) -> &'static WalletDict {
        match self {
            Lang::Ru => &ru::RU,
            Lang::En => &en::EN,
        }
    }
}

pub fn kind_text(lang: Lang, k: OpKind) -> &'static str {
    let d = lang.wallet();
    match k {
        OpKind::TopUp => d.kind_top_up,
        OpKind::Payment => d.kind_payment,
        OpKind::Refund => d.kind_refund,
        OpKind::Withdrawal => d.kind_withdrawal,
        OpKind::Certificate => d.kind_certificate,
        OpKind::Correction => d.kind_correction,
    }
}

pub fn status_text(lang: Lang, s: OpStatus) -> &'static str {
    let d = lang.wallet();
    match s {
        OpStatus::Done => d.status_done,
        OpStatus::Pending => d.status_pending,
        OpStatus::Cancelled => d.status_cancelled,
    }
}

pub fn topup_status_text(lang: Lang, s: TopUpStatus) -> &'static str {
    let d = lang.wallet();
    match s {
        TopUpStatus::Created => d.topup_created,
        TopUpStatus::Pending => d.topup_pending,
        TopUpStatus::Succeeded => d.topup_succeeded,
        TopUpStatus::Canceled => d.topup_canceled,
    }
}

/// Why the provider cancelled a payment, in words (its reason codes are YooKassa's).
pub fn reason_text(lang: Lang, reason: &str) -> &'static str {
    let d = lang.wallet();
    match reason {
        "insufficient_funds" => d.reason_insufficient_funds,
        "3d_secure_failed" => d.reason_3ds,
        "card_expired" => d.reason_card_expired,
        "expired_on_confirmation" => d.reason_expired_on_confirmation,
        _ => d.reason_other,
    }
}

pub fn withdrawal_status_text(lang: Lang, s: WithdrawalStatus) -> &'static str {
    let d = lang.wallet();
    match s {
        WithdrawalStatus::AwaitingCode => d.wd_awaiting_code,
        WithdrawalStatus::InProgress => d.wd_in_progress,
        WithdrawalStatus::Paid => d.wd_paid,
        WithdrawalStatus::Returned => d.wd_returned,
        WithdrawalStatus::Cancelled => d.wd_cancelled,
    }
}

pub fn card_status_text(lang: Lang, s: CardStatus) -> &'static str {
    let d = lang.wallet();
    match s {
        CardStatus::AwaitingCode => d.cs_awaiting_code,
        CardStatus::Submitted => d.cs_submitted,
        CardStatus::UnderReview => d.cs_under_review,
        CardStatus::Approved => d.cs_approved,
        CardStatus::Declined => d.cs_declined,
        CardStatus::Active => d.cs_active,
        CardStatus::Closed => d.cs_closed,
    }
}

/// The message for a refused card application or its code.
pub fn card_error_text(lang: Lang, e: &AppError) -> String {
    let d = lang.wallet();
    let AppError::Invalid { field, message } = e else {
        return withdrawal_error_text(lang, e);
    };
    let text = match (field, message) {
        (Field::LastName | Field::FirstName | Field::MiddleName, Problem::Empty) => {
            d.err_name_empty
        }
        (Field::LastName | Field::FirstName | Field::MiddleName, _) => d.err_name_letters,
        (Field::BirthDate, Problem::TooYoung) => d.err_birth_young,
        (Field::BirthDate | Field::IssueDate, Problem::Future) => d.err_date_future,
        (Field::IssueDate, Problem::TooOld) => d.err_issue_early,
        (Field::BirthDate | Field::IssueDate, _) => d.err_date,
        (Field::Email, _) => d.err_email,
        (Field::CodeWord, _) => d.err_code_word,
        (Field::PassportSeries, _) => d.err_passport_series,
        (Field::PassportNumber, _) => d.err_passport_number,
        (Field::IssuerCode, _) => d.err_issuer,
        (Field::Inn, Problem::ControlKey) => d.err_inn_key,
        (Field::Inn, _) => d.err_inn,
        (Field::Snils, Problem::ControlKey) => d.err_snils_key,
        (Field::Snils, _) => d.err_snils,
        (Field::Terms, _) => d.err_consent,
        (Field::Request, Problem::Pending) => d.err_card_pending,
        (Field::Request, Problem::Required) => d.err_card_close_confirm,
        (Field::Request, Problem::Refused) => d.err_card_not_active,
        _ => return withdrawal_error_text(lang, e),
    };
    text.into()
}

/// The message for a failed confirmation of a withdrawal by its code.
pub fn withdrawal_error_text(lang: Lang, e: &AppError) -> String {
    let d = lang.wallet();
    match e {
        AppError::Invalid {
            field: Field::Code, ..
        } => d.err_code_format.into(),
        AppError::WrongCode { attempts_left } => {
            fill(d.err_wrong_code, &[&attempts_left.to_string()])
        }
        AppError::CodeExpired | AppError::CodeBurned => d.err_code_expired.into(),
        other => error_text(lang, other),
    }
}

/// The message for a failed wallet action, in the page's language; what is not the
/// wallet's own is worded as Rynok ID words it.
pub fn error_text(lang: Lang, e: &AppError) -> String {
    let d = lang.wallet();
    match e {
        AppError::Invalid {
            field: Field::Certificate,
            message,
        } => match message {
            Problem::Empty => d.err_certificate_empty,
            Problem::BadCharacters => d.err_certificate_chars,
            Problem::Typo => d.err_certificate_typo,
            Problem::Expired => d.err_certificate_expired,
            Problem::AlreadyUsed => d.err_certificate_used,
            Problem::DailyLimit => d.err_certificate_daily,
            _ => d.err_certificate_length,
        }
        .into(),
        AppError::Invalid {
            field: Field::Period,
            message: Problem::OutOfRange,
        } => d.err_period_order.into(),
        AppError::Invalid {
            field: Field::Period,
            ..
        } => d.err_period_date.into(),
        AppError::Invalid {
            field: Field::Amount,
            message,
        } => match message {
            Problem::Empty => d.err_amount_empty,
            Problem::BelowMinimum => d.err_topup_min,
            Problem::OutOfRange => d.err_topup_max,
            Problem::WholeBalanceOnly => d.err_whole_balance,
            Problem::MoreThanBalance => d.err_more_than_balance,
            Problem::DailyLimit => d.err_daily_limit,
            _ => d.err_amount_malformed,
        }
        .into(),
        AppError::Invalid {
            field: Field::Bik, ..
        } => d.err_bik.into(),
        AppError::Invalid {
            field: Field::AccountNumber,
            message,
        } => match message {
            Problem::Digits => d.err_account_digits,
            Problem::NotPersonalAccount => d.err_account_personal,
            Problem::ControlKey => d.err_control_key,
            _ => d.err_account_length,
        }
        .into(),
        AppError::Invalid {
            field: Field::FullName,
            message,
        } => match message {
            Problem::Empty => d.err_recipient_empty,
            Problem::Letters => d.err_recipient_letters,
            _ => d.err_recipient_length,
        }
        .into(),
        AppError::WrongCode { attempts_left } => {
            fill(d.err_certificate_unknown, &[&attempts_left.to_string()])
        }
        AppError::CodeBurned => d.err_certificate_burned.into(),
        AppError::TooManyRequests { retry_after_secs } => fill(
            d.err_too_many,
            &[&crate::account::wait_text(lang, *retry_after_secs)],
        ),
        other => crate::account::account_error_text(lang, other),
    }
}
