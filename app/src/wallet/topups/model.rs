//! Card top-ups: the amount rule and where a top-up stands.

use crate::shared::error::Problem;
use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// The least and the most one top-up may be.
pub const MIN_TOPUP: Money = Money::from_roubles(100);
pub const MAX_TOPUP: Money = Money::from_roubles(100_000);
/// How long a payment may stay unconfirmed before its reservation lapses (the
/// reconciling job asks the provider long before).
pub const HOLD_MS: i64 = 7 * 86_400_000;
/// A payment with no word from the provider for this long is asked about by the job.
pub const RECONCILE_AFTER_MS: i64 = 5 * 60_000;

/// Reads a top-up amount as typed ("1500", "1 500,50").
pub fn parse_amount(input: &str) -> Result<Money, Problem> {
    use crate::shared::money::MoneyParseError;
    let m = Money::parse_roubles(input).map_err(|e| match e {
        MoneyParseError::Empty => Problem::Empty,
        MoneyParseError::TooLarge => Problem::OutOfRange,
        _ => Problem::Malformed,
    })?;
    if m < MIN_TOPUP {
        return Err(Problem::BelowMinimum);
    }
    if m > MAX_TOPUP {
        return Err(Problem::OutOfRange);
    }
    Ok(m)
}

/// Where a top-up stands, as the shopper is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopUpStatus {
    /// Recorded; the provider has not answered yet.
    Created,
    /// Waiting for the shopper to confirm it on the provider's page (or for the bank).
    Pending,
    /// The money is in the wallet.
    Succeeded,
    /// Declined or abandoned: no money was taken.
    Canceled,
}

impl TopUpStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TopUpStatus::Created => "created",
            TopUpStatus::Pending => "pending",
            TopUpStatus::Succeeded => "succeeded",
            TopUpStatus::Canceled => "canceled",
        }
    }

    pub fn parse(s: &str) -> Option<TopUpStatus> {
        [
            TopUpStatus::Created,
            TopUpStatus::Pending,
            TopUpStatus::Succeeded,
            TopUpStatus::Canceled,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }

    pub fn is_final(self) -> bool {
        matches!(self, TopUpStatus::Succeeded | TopUpStatus::Canceled)
    }
}

/// A top-up as its page shows it: "where is my money".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopUpView {
    pub id: i64,
    pub amount: Money,
    pub status: TopUpStatus,
    /// Why it was cancelled, as the provider says (`insufficient_funds`, ...).
    pub reason: Option<String>,
    /// Where to confirm it while it is pending.
    pub confirmation_url: Option<String>,
    /// (status, moment) oldest first.
    pub timeline: Vec<(TopUpStatus, i64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_top_up_is_100_to_100_000_roubles() {
        assert_eq!(parse_amount("1500"), Ok(Money::from_roubles(1500)));
        assert_eq!(parse_amount("99,99"), Err(Problem::BelowMinimum));
        assert_eq!(parse_amount("100000,01"), Err(Problem::OutOfRange));
        assert_eq!(parse_amount("много"), Err(Problem::Malformed));
    }

    #[test]
    fn statuses_round_trip() {
        for s in ["created", "pending", "succeeded", "canceled"] {
            assert_eq!(TopUpStatus::parse(s).map(TopUpStatus::as_str), Some(s));
        }
        assert!(TopUpStatus::Canceled.is_final() && !TopUpStatus::Pending.is_final());
    }
}
