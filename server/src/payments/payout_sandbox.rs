//! The payout provider's sandbox for development and tests: it takes every payout
//! and pays it `days` business days (default 2) after it was handed over, by the
//! Russian calendar; a payout to a recipient whose surname is "Отказов" fails at that
//! time instead, as a bank refusing a closed account would, and the money returns
//! to the wallet. It keeps nothing: the payout's reference carries the day it was
//! handed over and whether it will fail, so it survives restarts.

use app::payments::{PayFuture, PaymentError, Payout, PayoutGateway, PayoutState};
use app::shared::calendar::add_business_days;

pub struct PayoutSandbox {
    pub days: u32,
}

/// The recipient's surname that makes the sandbox fail a payout.
pub const FAILING_SURNAME: &str = "Отказов";

impl PayoutGateway for PayoutSandbox {
    fn submit<'a>(&'a self, p: &'a Payout, today: &'a str) -> PayFuture<'a, String> {
        Box::pin(async move {
            let fail = p.recipient.split_whitespace().next() == Some(FAILING_SURNAME);
            Ok(format!("sbx:{today}:{}:{}", u8::from(fail), p.reference))
        })
    }

    fn status<'a>(&'a self, payout_ref: &'a str, today: &'a str) -> PayFuture<'a, PayoutState> {
        Box::pin(async move {
            let mut parts = payout_ref.splitn(4, ':');
            let (Some("sbx"), Some(day), Some(fail)) = (parts.next(), parts.next(), parts.next())
            else {
                return Err(PaymentError::NotFound);
            };
            let due = add_business_days(day, self.days).ok_or(PaymentError::NotFound)?;
            Ok(match (today >= due.as_str(), fail) {
                (false, _) => PayoutState::InProgress,
                (true, "1") => PayoutState::Failed("account_closed".into()),
                (true, _) => PayoutState::Paid,
            })
        })
    }
}
