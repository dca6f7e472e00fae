//! An order's receipts: each payment or refund that names it, by how the money moved.

use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// How a receipt's money moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptMethod {
    Wallet,
    Card,
    Points,
    /// Cash or the card terminal at the pickup point.
    AtPickupPoint,
}

/// One payment or refund of an order, as its receipt shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The ledger transfer's id: the receipt's number.
    pub number: i64,
    pub at: i64,
    /// Money back rather than paid.
    pub refund: bool,
    pub method: ReceiptMethod,
    pub amount: Money,
}

impl Receipt {
    /// A receipt from a transfer naming an order: (kind, debited and credited
    /// accounts' kinds); none for a transfer that is not a payment or a refund.
    pub fn from_transfer(
        number: i64,
        kind: &str,
        amount: Money,
        debit: &str,
        credit: &str,
        at: i64,
    ) -> Option<Receipt> {
        let method = |account: &str| match account {
            "wallet" => Some(ReceiptMethod::Wallet),
            "card_acquiring" => Some(ReceiptMethod::Card),
            "points" => Some(ReceiptMethod::Points),
            "point_takings" => Some(ReceiptMethod::AtPickupPoint),
            _ => None,
        };
        let (refund, method) = match kind {
            "order_payment" | "points_spend" => (false, method(debit)?),
            "refund" | "points_return" => (true, method(credit)?),
            _ => return None,
        };
        Some(Receipt {
            number,
            at,
            refund,
            method,
            amount,
        })
    }
}
