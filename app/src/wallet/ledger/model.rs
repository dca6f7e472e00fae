//! The ledger's types and its pure rules. The model is TigerBeetle's: an account
//! keeps four sums (debits and credits, posted and pending), and money moves only by
//! transfers from one account's debit to another's credit, which are never changed.

use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// What an account is for. A shopper has a `Wallet` and `Points`; the others are the
/// platform's own, one each (owner 0). Sellers' accounts come with the seller
/// dashboard (`Seller`, owner = the seller's id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// Rynok Account: roubles the platform owes the shopper.
    Wallet,
    /// Bonus points (1 point = 1 ₽ at checkout), owed to the shopper.
    Points,
    /// Card money the acquirer has captured and not yet settled to Rynok's bank.
    CardAcquiring,
    /// Withdrawals handed to the payout provider.
    Payouts,
    /// Gift certificates issued and not yet activated.
    Certificates,
    /// Where issued certificates' value comes from: paid at checkout, or given by staff.
    CertificateSales,
    /// What granted points cost the platform.
    PointsIssued,
    /// Payments for orders before they are split among sellers and delivery.
    OrderClearing,
    /// What pickup points took from shoppers on receipt (cash or the point's card
    /// terminal), on its way to Rynok's bank account.
    PointTakings,
    /// A seller's balance (the seller dashboard).
    Seller,
}

impl AccountKind {
    pub const ALL: [AccountKind; 10] = [
        AccountKind::Wallet,
        AccountKind::Points,
        AccountKind::CardAcquiring,
        AccountKind::Payouts,
        AccountKind::Certificates,
        AccountKind::CertificateSales,
        AccountKind::PointsIssued,
        AccountKind::OrderClearing,
        AccountKind::PointTakings,
        AccountKind::Seller,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Wallet => "wallet",
            AccountKind::Points => "points",
            AccountKind::CardAcquiring => "card_acquiring",
            AccountKind::Payouts => "payouts",
            AccountKind::Certificates => "certificates",
            AccountKind::CertificateSales => "certificate_sales",
            AccountKind::PointsIssued => "points_issued",
            AccountKind::OrderClearing => "order_clearing",
            AccountKind::PointTakings => "point_takings",
            AccountKind::Seller => "seller",
        }
    }

    pub fn parse(s: &str) -> Option<AccountKind> {
        AccountKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Owed to someone and never below zero, pending debits counted: debits (posted
    /// and pending) may not exceed posted credits.
    pub fn floor_zero(self) -> bool {
        matches!(
            self,
            AccountKind::Wallet | AccountKind::Points | AccountKind::Certificates
        )
    }

    /// One per shopper (or seller) rather than one for the whole platform.
    pub fn per_owner(self) -> bool {
        matches!(
            self,
            AccountKind::Wallet | AccountKind::Points | AccountKind::Seller
        )
    }
}

/// Why money moved. An idempotency key is unique per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferKind {
    TopUp,
    OrderPayment,
    Refund,
    Withdrawal,
    CertificateIssue,
    CertificateActivation,
    PointsGrant,
    PointsSpend,
    PointsReturn,
    PointsExpiry,
    /// Points earned on goods that were returned, taken back.
    PointsRevoke,
    /// Staff correcting an earlier mistake by a new transfer.
    Correction,
}

impl TransferKind {
    pub const ALL: [TransferKind; 12] = [
        TransferKind::TopUp,
        TransferKind::OrderPayment,
        TransferKind::Refund,
        TransferKind::Withdrawal,
        TransferKind::CertificateIssue,
        TransferKind::CertificateActivation,
        TransferKind::PointsGrant,
        TransferKind::PointsSpend,
        TransferKind::PointsReturn,
        TransferKind::PointsExpiry,
        TransferKind::PointsRevoke,
        TransferKind::Correction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TransferKind::TopUp => "top_up",
            TransferKind::OrderPayment => "order_payment",
            TransferKind::Refund => "refund",
            TransferKind::Withdrawal => "withdrawal",
            TransferKind::CertificateIssue => "certificate_issue",
            TransferKind::CertificateActivation => "certificate_activation",
            TransferKind::PointsGrant => "points_grant",
            TransferKind::PointsSpend => "points_spend",
            TransferKind::PointsReturn => "points_return",
            TransferKind::PointsExpiry => "points_expiry",
            TransferKind::PointsRevoke => "points_revoke",
            TransferKind::Correction => "correction",
        }
    }

    pub fn parse(s: &str) -> Option<TransferKind> {
        TransferKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a transfer stands in the two phases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Money moved at once.
    Posted,
    /// Money reserved: counted against the debit account's floor, not yet moved.
    Pending,
    /// Resolves a pending transfer: moves at most its amount, releases the rest.
    Post,
    /// Resolves a pending transfer: releases it all.
    Void,
    /// A pending transfer that outlived its deadline, released by the expiry job.
    Expire,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Posted => "posted",
            Phase::Pending => "pending",
            Phase::Post => "post",
            Phase::Void => "void",
            Phase::Expire => "expire",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        [
            Phase::Posted,
            Phase::Pending,
            Phase::Post,
            Phase::Void,
            Phase::Expire,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }

    /// Whether this phase resolves a pending transfer.
    pub fn resolves(self) -> bool {
        matches!(self, Phase::Post | Phase::Void | Phase::Expire)
    }
}

/// A key that makes a retry of the same operation return the first result: the
/// caller's own id of the operation ("topup:1234", a checkout's key). Printable
/// ASCII, 1 to 128 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(s: &str) -> Result<Self, LedgerRefusal> {
        let ok = (1..=128).contains(&s.len()) && s.bytes().all(|b| (0x21..=0x7e).contains(&b));
        ok.then(|| IdempotencyKey(s.to_string()))
            .ok_or(LedgerRefusal::BadKey)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An amount a transfer may move: more than zero kopecks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Amount(Money);

impl Amount {
    pub fn new(m: Money) -> Result<Self, LedgerRefusal> {
        (m.kopecks() > 0)
            .then_some(Amount(m))
            .ok_or(LedgerRefusal::BadAmount)
    }

    pub fn money(self) -> Money {
        self.0
    }

    pub fn kopecks(self) -> i64 {
        self.0.kopecks()
    }
}

/// An account's four sums.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sums {
    pub debits_posted: i64,
    pub credits_posted: i64,
    pub debits_pending: i64,
    pub credits_pending: i64,
}

impl Sums {
    /// What the account holds, for an account owed to someone: credits less debits.
    pub fn posted(&self) -> Money {
        Money::from_kopecks(self.credits_posted - self.debits_posted)
    }

    /// What can be spent now: the posted balance less what pending debits reserve.
    pub fn available(&self) -> Money {
        Money::from_kopecks(self.credits_posted - self.debits_posted - self.debits_pending)
    }

    /// Money on its way in (a pending credit), not yet spendable.
    pub fn incoming(&self) -> Money {
        Money::from_kopecks(self.credits_pending)
    }

    /// Money reserved on its way out (a pending debit).
    pub fn outgoing(&self) -> Money {
        Money::from_kopecks(self.debits_pending)
    }

    /// Whether a debit of `amount` (posted or pending) keeps a floor-zero account at
    /// or above zero: the rule the database applies as a conditional update.
    pub fn may_debit(&self, amount: i64) -> bool {
        self.debits_posted + self.debits_pending + amount <= self.credits_posted
    }
}

/// A transfer as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub id: i64,
    pub kind: TransferKind,
    pub key: String,
    pub debit: i64,
    pub credit: i64,
    pub amount: Money,
    pub reference: String,
    pub phase: Phase,
    pub pending_id: Option<i64>,
    pub expires_at: Option<i64>,
    pub created_at: i64,
}

/// Why the ledger refused an operation. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum LedgerRefusal {
    /// The debit account would go below zero; it has this much available.
    #[error("insufficient funds: {available:?} available")]
    Insufficient { available: Money },
    /// The idempotency key was used before for an operation with other parameters.
    #[error("idempotency key reused with other parameters")]
    KeyReused,
    #[error("idempotency key must be 1 to 128 printable ASCII characters")]
    BadKey,
    #[error("amount must be more than zero")]
    BadAmount,
    #[error("debit and credit account are the same")]
    SameAccount,
    #[error("no such account")]
    NoAccount,
    /// The transfer to post or void is not a pending transfer.
    #[error("not a pending transfer")]
    NotPending,
    /// The pending transfer was already posted, voided or expired.
    #[error("pending transfer already {0:?}")]
    Resolved(Phase),
    /// The pending transfer's deadline has passed: it can only expire.
    #[error("pending transfer expired")]
    Expired,
    /// A post may move at most the pending amount.
    #[error("more than the pending amount")]
    OverPending,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in AccountKind::ALL {
            assert_eq!(AccountKind::parse(k.as_str()), Some(k));
        }
        for k in TransferKind::ALL {
            assert_eq!(TransferKind::parse(k.as_str()), Some(k));
        }
        for p in ["posted", "pending", "post", "void", "expire"] {
            assert_eq!(Phase::parse(p).map(Phase::as_str), Some(p));
        }
        assert_eq!(AccountKind::parse("Wallet"), None);
    }

    #[test]
    fn keys_and_amounts_are_checked() {
        assert!(IdempotencyKey::parse("topup:42").is_ok());
        assert_eq!(IdempotencyKey::parse(""), Err(LedgerRefusal::BadKey));
        assert_eq!(IdempotencyKey::parse("a b"), Err(LedgerRefusal::BadKey));
        assert_eq!(IdempotencyKey::parse("ключ"), Err(LedgerRefusal::BadKey));
        assert!(IdempotencyKey::parse(&"k".repeat(128)).is_ok());
        assert!(IdempotencyKey::parse(&"k".repeat(129)).is_err());
        assert_eq!(Amount::new(Money::ZERO), Err(LedgerRefusal::BadAmount));
        assert_eq!(
            Amount::new(Money::from_kopecks(-5)),
            Err(LedgerRefusal::BadAmount)
        );
        assert_eq!(
            Amount::new(Money::from_kopecks(1)).map(Amount::kopecks),
            Ok(1)
        );
    }

    #[test]
    fn pending_debits_count_against_the_floor() {
        let s = Sums {
            credits_posted: 10_000,
            debits_posted: 3_000,
            debits_pending: 5_000,
            credits_pending: 700,
        };
        assert_eq!(s.posted(), Money::from_kopecks(7_000));
        assert_eq!(s.available(), Money::from_kopecks(2_000));
        assert_eq!(s.incoming(), Money::from_kopecks(700));
        assert!(s.may_debit(2_000));
        assert!(!s.may_debit(2_001));
    }

    #[test]
    fn only_what_is_owed_has_a_floor() {
        assert!(AccountKind::Wallet.floor_zero());
        assert!(AccountKind::Points.floor_zero());
        assert!(AccountKind::Certificates.floor_zero());
        assert!(!AccountKind::CardAcquiring.floor_zero());
        assert!(!AccountKind::OrderClearing.floor_zero());
        assert!(AccountKind::Wallet.per_owner() && !AccountKind::Payouts.per_owner());
    }
}
