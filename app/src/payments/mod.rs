//! Taking card payments: the port the wallet (and later checkout) speaks to. The
//! server plugs in the YooKassa adapter (`server/src/payments/`), which in
//! development and tests talks to the stand-in under `/dev/yookassa/`. The shape is
//! YooKassa's: a payment is created with an idempotence key, the shopper confirms it
//! on the provider's page, and its state is only ever trusted as the provider's API
//! answers it.

pub mod bank;

use crate::shared::money::Money;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Where a payment stands at the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Created; the shopper has not finished confirming it.
    Pending,
    /// Authorised, waiting for the shop to capture it (two-stage payments).
    WaitingForCapture,
    /// The money is taken.
    Succeeded,
    /// Declined, abandoned or cancelled: no money is taken.
    Canceled,
}

impl PaymentStatus {
    pub fn parse(s: &str) -> Option<PaymentStatus> {
        match s {
            "pending" => Some(PaymentStatus::Pending),
            "waiting_for_capture" => Some(PaymentStatus::WaitingForCapture),
            "succeeded" => Some(PaymentStatus::Succeeded),
            "canceled" => Some(PaymentStatus::Canceled),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Pending => "pending",
            PaymentStatus::WaitingForCapture => "waiting_for_capture",
            PaymentStatus::Succeeded => "succeeded",
            PaymentStatus::Canceled => "canceled",
        }
    }

    /// Whether nothing will change it any more.
    pub fn is_final(self) -> bool {
        matches!(self, PaymentStatus::Succeeded | PaymentStatus::Canceled)
    }
}

/// A payment to create.
#[derive(Debug, Clone)]
pub struct NewPayment {
    pub amount: Money,
    /// The same key answers the same payment (a retry never pays twice).
    pub idempotence_key: String,
    /// Where the provider sends the shopper back.
    pub return_url: String,
    pub description: String,
    /// What the payment is for, as the shop names it ("topup:12").
    pub reference: String,
}

/// A payment as the provider's API answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub id: String,
    pub status: PaymentStatus,
    pub amount: Money,
    /// The provider's page where the shopper confirms it, while pending.
    pub confirmation_url: Option<String>,
    /// Why it was cancelled (`insufficient_funds`, `3d_secure_failed`, ...).
    pub cancellation_reason: Option<String>,
    pub reference: Option<String>,
}

/// A refund to make: part or all of a succeeded payment goes back to the card.
#[derive(Debug, Clone)]
pub struct NewRefund {
    pub payment_id: String,
    pub amount: Money,
    /// The same key answers the same refund (a retry never refunds twice).
    pub idempotence_key: String,
    pub description: String,
}

/// Where a refund stands at the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundStatus {
    Pending,
    Succeeded,
    Canceled,
}

impl RefundStatus {
    pub fn parse(s: &str) -> Option<RefundStatus> {
        match s {
            "pending" => Some(RefundStatus::Pending),
            "succeeded" => Some(RefundStatus::Succeeded),
            "canceled" => Some(RefundStatus::Canceled),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RefundStatus::Pending => "pending",
            RefundStatus::Succeeded => "succeeded",
            RefundStatus::Canceled => "canceled",
        }
    }
}

/// A refund as the provider's API answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    pub id: String,
    pub status: RefundStatus,
    pub amount: Money,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum PaymentError {
    /// The provider could not be reached or answered with an error: try again later.
    #[error("payment provider unavailable: {0}")]
    Unavailable(String),
    /// The provider refused the request as made (a bug or a misconfiguration).
    #[error("payment provider refused the request: {0}")]
    Refused(String),
    #[error("no such payment")]
    NotFound,
}

pub type PayFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, PaymentError>> + Send + 'a>>;

/// A card payment provider.
pub trait PaymentGateway: Send + Sync {
    fn create<'a>(&'a self, payment: &'a NewPayment) -> PayFuture<'a, Payment>;
    fn get<'a>(&'a self, id: &'a str) -> PayFuture<'a, Payment>;
    /// Gives part or all of a succeeded payment back to the card.
    fn refund<'a>(&'a self, refund: &'a NewRefund) -> PayFuture<'a, Refund>;
}

pub type SharedGateway = Arc<dyn PaymentGateway>;

/// A gateway for tools and unit tests that have no provider: every call fails.
pub struct NoGateway;

impl PaymentGateway for NoGateway {
    fn create<'a>(&'a self, _: &'a NewPayment) -> PayFuture<'a, Payment> {
        Box::pin(async {
            Err(PaymentError::Unavailable(
                "no payment provider configured".into(),
            ))
        })
    }

    fn get<'a>(&'a self, _: &'a str) -> PayFuture<'a, Payment> {
        Box::pin(async {
            Err(PaymentError::Unavailable(
                "no payment provider configured".into(),
            ))
        })
    }

    fn refund<'a>(&'a self, _: &'a NewRefund) -> PayFuture<'a, Refund> {
        Box::pin(async {
            Err(PaymentError::Unavailable(
                "no payment provider configured".into(),
            ))
        })
    }
}

/// A withdrawal handed to the payout provider.
#[derive(Debug, Clone)]
pub struct Payout {
    /// "withdrawal:12": the same reference is the same payout.
    pub reference: String,
    pub amount: Money,
    pub recipient: String,
    pub bik: String,
    pub account_number: String,
}

/// Where a payout stands at the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayoutState {
    InProgress,
    Paid,
    /// The bank refused it (a closed account, a wrong name): the money comes back.
    Failed(String),
}

/// A payout provider: bank transfers to shoppers' accounts.
pub trait PayoutGateway: Send + Sync {
    /// Hands over a payout on `today` (YYYY-MM-DD, Moscow): its reference at the provider.
    fn submit<'a>(&'a self, payout: &'a Payout, today: &'a str) -> PayFuture<'a, String>;
    fn status<'a>(&'a self, payout_ref: &'a str, today: &'a str) -> PayFuture<'a, PayoutState>;
}

pub type SharedPayouts = Arc<dyn PayoutGateway>;

/// The payout gateway of a server with no payout provider configured: nothing is
/// paid out, withdrawals wait (reserved) until one is.
pub struct NoPayouts;

impl PayoutGateway for NoPayouts {
    fn submit<'a>(&'a self, _: &'a Payout, _: &'a str) -> PayFuture<'a, String> {
        Box::pin(async {
            Err(PaymentError::Unavailable(
                "no payout provider configured".into(),
            ))
        })
    }

    fn status<'a>(&'a self, _: &'a str, _: &'a str) -> PayFuture<'a, PayoutState> {
        Box::pin(async {
            Err(PaymentError::Unavailable(
                "no payout provider configured".into(),
            ))
        })
    }
}
