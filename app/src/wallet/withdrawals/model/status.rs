//! Where a withdrawal stands, and its limits in time and money.

use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// How long the code for a withdrawal works.
pub const CODE_TTL_MS: i64 = 10 * 60_000;
/// No withdrawal for this long after the phone number or the email changed: a
/// stolen account's new owner cannot take the money out at once.
pub const HOLD_AFTER_CONTACT_CHANGE_MS: i64 = 24 * 3_600_000;
/// At most this much a Moscow calendar day, all withdrawals together.
pub const DAILY_LIMIT: Money = Money::from_roubles(150_000);
/// The arrival date shown: at most this many business days after confirmation.
pub const PROMISED_BUSINESS_DAYS: u32 = 3;
/// How long the reservation holds if the payout provider never answers (a person
/// looks at it long before).
pub const RESERVE_MS: i64 = 30 * 86_400_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WithdrawalStatus {
    /// Created, waiting for the code from the phone.
    AwaitingCode,
    /// Confirmed: the money is reserved and on its way to the bank.
    InProgress,
    /// The bank has it.
    Paid,
    /// The payout failed: the money is back in the wallet.
    Returned,
    /// Replaced by another withdrawal before its code was entered.
    Cancelled,
}

impl WithdrawalStatus {
    pub const ALL: [WithdrawalStatus; 5] = [
        WithdrawalStatus::AwaitingCode,
        WithdrawalStatus::InProgress,
        WithdrawalStatus::Paid,
        WithdrawalStatus::Returned,
        WithdrawalStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WithdrawalStatus::AwaitingCode => "awaiting_code",
            WithdrawalStatus::InProgress => "in_progress",
            WithdrawalStatus::Paid => "paid",
            WithdrawalStatus::Returned => "returned",
            WithdrawalStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<WithdrawalStatus> {
        WithdrawalStatus::ALL.into_iter().find(|w| w.as_str() == s)
    }
}

/// A withdrawal as the wallet page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawalView {
    pub id: i64,
    pub amount: Money,
    pub status: WithdrawalStatus,
    /// "•••• 1234"
    pub account: String,
    pub recipient: String,
    /// YYYY-MM-DD: the money arrives by then (in progress).
    pub due_date: Option<String>,
    /// (status, moment) oldest first.
    pub timeline: Vec<(WithdrawalStatus, i64)>,
}

/// The step after asking for a withdrawal: the code went to this (masked) phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSent {
    pub id: i64,
    pub to: String,
}

/// Bank details of an earlier confirmed withdrawal, offered again in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDetails {
    pub recipient: String,
    pub bik: String,
    pub account_number: String,
}
