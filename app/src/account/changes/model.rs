//! What a change of the account answers: shared by the server and the browser.

use crate::shared::error::{Field, Problem};
use serde::{Deserialize, Serialize};

/// What a confirmed code did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeStep {
    /// A code went to the next place (masked).
    CodeSent {
        to: String,
    },
    EmailVerified,
    PhoneChanged,
    /// The new number is proven; it takes effect at this moment unless cancelled.
    PhoneWaiting {
        due_at: i64,
    },
    Deleted,
    /// The account is proven afresh in this session (adding a way to sign in may go on).
    Reauthenticated,
}

/// A recovery request as the form sends it, checked: a full name in letters, the
/// old and the new number, and the number of a past order.
#[derive(Debug, Clone)]
pub struct RecoveryForm {
    pub full_name: String,
    pub old_phone: crate::shared::phone::Phone,
    pub new_phone: crate::shared::phone::Phone,
    pub order_number: String,
}

impl RecoveryForm {
    pub fn parse(
        full_name: &str,
        old_phone: &str,
        new_phone: &str,
        order_number: &str,
    ) -> Result<RecoveryForm, crate::shared::error::AppError> {
        use crate::shared::error::AppError;
        use crate::shared::phone::Phone;
        let name = full_name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty()
            || name.chars().count() > 150
            || !name
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'))
        {
            return Err(AppError::invalid(Field::FullName, Problem::Letters));
        }
        let old_phone = Phone::from_field(old_phone, Field::Phone)?;
        let new_phone = Phone::from_field(new_phone, Field::Phone)?;
        let order = order_number.trim();
        if order.is_empty()
            || order.len() > 20
            || !order.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        {
            return Err(AppError::invalid(Field::OrderNumber, Problem::Digits));
        }
        Ok(RecoveryForm {
            full_name: name,
            old_phone,
            new_phone,
            order_number: order.to_string(),
        })
    }
}

/// What a change does. Stored by its name (`as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Adding or changing the email.
    Email,
    /// Changing the phone with a code to the current number first.
    Phone,
    /// Changing the phone without the old number: the 14-day path.
    PhoneLost,
    Delete,
    /// Proving the account afresh before adding a way to sign in.
    Reauth,
}

/// Where a change stands. Stored by its name (`as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeState {
    /// Waiting for the code to the account's current phone (or email).
    Old,
    /// Waiting for the code to the new value.
    New,
    /// Proven, waiting out its 14 days.
    Waiting,
    Done,
    Cancelled,
}

crate::shared::stored::stored_names!(ChangeKind {
    Email => "email",
    Phone => "phone",
    PhoneLost => "phone_lost",
    Delete => "delete",
    Reauth => "reauth",
});

crate::shared::stored::stored_names!(ChangeState {
    Old => "old",
    New => "new",
    Waiting => "waiting",
    Done => "done",
    Cancelled => "cancelled",
});
