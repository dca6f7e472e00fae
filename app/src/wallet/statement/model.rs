//! Rynok Account's statement: the balance and every operation with its status and
//! the balance after it, read from the wallet's ledger transfers. Pure rules.

use crate::shared::error::{Field, Problem};
use crate::shared::money::Money;
use crate::wallet::ledger::model::{Phase, Transfer, TransferKind};
use serde::{Deserialize, Serialize};

/// What an operation was, as the history names and filters it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    TopUp,
    Payment,
    Refund,
    Withdrawal,
    Certificate,
    Correction,
}

impl OpKind {
    pub const ALL: [OpKind; 6] = [
        OpKind::TopUp,
        OpKind::Payment,
        OpKind::Refund,
        OpKind::Withdrawal,
        OpKind::Certificate,
        OpKind::Correction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OpKind::TopUp => "top_up",
            OpKind::Payment => "payment",
            OpKind::Refund => "refund",
            OpKind::Withdrawal => "withdrawal",
            OpKind::Certificate => "certificate",
            OpKind::Correction => "correction",
        }
    }

    pub fn parse(s: &str) -> Option<OpKind> {
        OpKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    fn of(kind: TransferKind) -> OpKind {
        match kind {
            TransferKind::TopUp => OpKind::TopUp,
            TransferKind::OrderPayment => OpKind::Payment,
            TransferKind::Refund => OpKind::Refund,
            TransferKind::Withdrawal => OpKind::Withdrawal,
            TransferKind::CertificateIssue | TransferKind::CertificateActivation => {
                OpKind::Certificate
            }
            _ => OpKind::Correction,
        }
    }
}

/// Where an operation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpStatus {
    /// The money moved.
    Done,
    /// Reserved or on its way: not moved yet.
    Pending,
    /// Released without moving (voided or expired).
    Cancelled,
}

/// One line of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// The ledger transfer that started it.
    pub id: i64,
    /// When it started (Unix ms).
    pub at: i64,
    pub kind: OpKind,
    /// Into the wallet positive, out of it negative.
    pub amount: Money,
    pub status: OpStatus,
    /// The balance once its money moved; none while pending or once cancelled.
    pub balance_after: Option<Money>,
    /// What it is about: "certificate:12", "withdrawal:3", "order:7".
    pub reference: String,
}

/// Which operations the history shows: one kind or all, and a period of Moscow
/// dates (YYYY-MM-DD, both ends included).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub kind: Option<OpKind>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Filter {
    /// Reads the history's query; an empty value means no limit.
    pub fn parse(kind: &str, from: &str, to: &str) -> Result<Filter, (Field, Problem)> {
        let kind = match kind.trim() {
            "" | "all" => None,
            k => Some(OpKind::parse(k).ok_or((Field::Request, Problem::Unknown))?),
        };
        let date = |s: &str| -> Result<Option<String>, (Field, Problem)> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            if !crate::shared::time::valid_date(s) {
                return Err((Field::Period, Problem::NotADate));
            }
            Ok(Some(s.to_string()))
        };
        let (from, to) = (date(from)?, date(to)?);
        if let (Some(f), Some(t)) = (&from, &to)
            && f > t
        {
            return Err((Field::Period, Problem::OutOfRange));
        }
        Ok(Filter { kind, from, to })
    }

    pub fn keeps(&self, op: &Operation) -> bool {
        let day = crate::shared::time::date_of(op.at);
        self.kind.is_none_or(|k| k == op.kind)
            && self
                .from
                .as_ref()
                .is_none_or(|f| day.as_str() >= f.as_str())
            && self.to.as_ref().is_none_or(|t| day.as_str() <= t.as_str())
    }

    /// The query string that asks for this filter again (for the CSV link).
    pub fn query(&self) -> String {
        let enc = crate::shared::url::percent_encode;
        format!(
            "kind={}&from={}&to={}",
            self.kind.map(OpKind::as_str).unwrap_or(""),
            enc(self.from.as_deref().unwrap_or("")),
            enc(self.to.as_deref().unwrap_or(""))
        )
    }
}

/// The wallet's operations from its transfers (oldest first, as the ledger answers
/// them), newest first. A pending transfer and its resolution make one operation;
/// its balance is the one after the resolution moved the money, and operations are
/// ordered by when their money moved (or, while pending, when they started).
pub fn operations(account: i64, transfers: &[Transfer]) -> Vec<Operation> {
    let mut ops: Vec<(i64, Operation)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut balance = 0i64;
    for t in transfers {
        let sign = if t.credit == account { 1 } else { -1 };
        match t.phase {
            Phase::Posted | Phase::Pending => {
                let posted = t.phase == Phase::Posted;
                if posted {
                    balance += sign * t.amount.kopecks();
                }
                index.insert(t.id, ops.len());
                ops.push((
                    t.id,
                    Operation {
                        id: t.id,
                        at: t.created_at,
                        kind: OpKind::of(t.kind),
                        amount: Money::from_kopecks(sign * t.amount.kopecks()),
                        status: if posted {
                            OpStatus::Done
                        } else {
                            OpStatus::Pending
                        },
                        balance_after: posted.then_some(Money::from_kopecks(balance)),
                        reference: t.reference.clone(),
                    },
                ));
            }
            Phase::Post | Phase::Void | Phase::Expire => {
                let Some(&i) = t.pending_id.and_then(|p| index.get(&p)) else {
                    continue;
                };
                let (order, op) = &mut ops[i];
                if t.phase == Phase::Post {
                    balance += sign * t.amount.kopecks();
                    op.amount = Money::from_kopecks(sign * t.amount.kopecks());
                    op.status = OpStatus::Done;
                    op.balance_after = Some(Money::from_kopecks(balance));
                    *order = t.id;
                } else {
                    op.status = OpStatus::Cancelled;
                }
            }
        }
    }
    ops.sort_by_key(|(order, _)| std::cmp::Reverse(*order));
    ops.into_iter().map(|(_, op)| op).collect()
}

/// Money in and out over the operations that moved it.
pub fn totals(ops: &[Operation]) -> (Money, Money) {
    let (mut inflow, mut outflow) = (0, 0);
    for op in ops.iter().filter(|o| o.status == OpStatus::Done) {
        let k = op.amount.kopecks();
        if k > 0 {
            inflow += k;
        } else {
            outflow -= k;
        }
    }
    (Money::from_kopecks(inflow), Money::from_kopecks(outflow))
}

/// What the Rynok Account page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Posted: what the wallet holds.
    pub balance: Money,
    /// What can be spent or withdrawn now (the balance less reservations).
    pub available: Money,
    /// Reserved for withdrawals and payments under way.
    pub reserved: Money,
    /// On its way in (a top-up not yet confirmed).
    pub incoming: Money,
    pub filter: Filter,
    /// The filtered operations, newest first.
    pub operations: Vec<Operation>,
}

/// An amount for a spreadsheet in Russian: "-1500,00".
pub fn csv_amount(m: Money) -> String {
    let k = m.kopecks();
    let sign = if k < 0 { "-" } else { "" };
    format!(
        "{sign}{},{:02}",
        k.unsigned_abs() / 100,
        k.unsigned_abs() % 100
    )
}

/// One CSV field: quoted when it holds the separator, a quote or a line break, and
/// kept from being read as a formula when it starts like one (text fields only).
pub fn csv_text(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

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

#[cfg(test)]
mod tests;
