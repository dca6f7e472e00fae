//! Returns' types and pure rules: the reasons a shopper gives, where the money
//! goes, a return's statuses, its number and code, the return period, and what
//! the shopper and the pickup point's operator see.

use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// Photos one return may carry.
pub const MAX_PHOTOS: usize = 3;
/// The comment's length in characters.
pub const MAX_COMMENT: usize = 1000;
/// Digits of the code the shopper tells the pickup point.
pub const RETURN_CODE_DIGITS: usize = 10;
/// Days a return waits to be dropped at a pickup point; then the job cancels it
/// and its lines can be returned again while their period lasts.
pub const DROP_OFF_DAYS: i64 = 7;

/// The last moment return made at `created_at` can be dropped off.
pub fn drop_off_until(created_at: i64) -> i64 {
    created_at + DROP_OFF_DAYS * 86_400_000
}
const DAY_MS: i64 = 86_400_000;

/// Why the shopper returns the lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnReason {
    /// Size, fit or style is not right.
    NotFit,
    /// Changed their mind.
    ChangedMind,
    /// Faulty or damaged.
    Defect,
    /// Not the product ordered.
    WrongItem,
    /// Not as described on the product page.
    NotAsDescribed,
}

impl ReturnReason {
    pub const ALL: [ReturnReason; 5] = [
        ReturnReason::NotFit,
        ReturnReason::ChangedMind,
        ReturnReason::Defect,
        ReturnReason::WrongItem,
        ReturnReason::NotAsDescribed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReturnReason::NotFit => "not_fit",
            ReturnReason::ChangedMind => "changed_mind",
            ReturnReason::Defect => "defect",
            ReturnReason::WrongItem => "wrong_item",
            ReturnReason::NotAsDescribed => "not_as_described",
        }
    }

    pub fn parse(s: &str) -> AppResult<ReturnReason> {
        let s = s.trim();
        if s.is_empty() {
            return Err(AppError::invalid(Field::Reason, Problem::Required));
        }
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or(AppError::invalid(Field::Reason, Problem::Unknown))
    }
}

/// Where a return's money goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundTo {
    /// The Rynok wallet, at once.
    Wallet,
    /// Back to the card the order was paid with (only for an order paid by card).
    Card,
}

impl RefundTo {
    pub fn as_str(self) -> &'static str {
        match self {
            RefundTo::Wallet => "wallet",
            RefundTo::Card => "card",
        }
    }

    /// `raw` as the form sends it; empty is the wallet.
    pub fn parse(raw: &str) -> AppResult<RefundTo> {
        match raw.trim() {
            "" | "wallet" => Ok(RefundTo::Wallet),
            "card" => Ok(RefundTo::Card),
            _ => Err(AppError::invalid(Field::Request, Problem::Malformed)),
        }
    }
}

/// A return's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnStatus {
    /// Asked for: the lines are to be dropped at a pickup point.
    Created,
    /// Accepted at a pickup point, and the money given back.
    Refunded,
    /// Withdrawn by the shopper before it was accepted.
    Cancelled,
}

impl ReturnStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnStatus::Created => "created",
            ReturnStatus::Refunded => "refunded",
            ReturnStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<ReturnStatus> {
        [
            ReturnStatus::Created,
            ReturnStatus::Refunded,
            ReturnStatus::Cancelled,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

/// The return's number as the shopper quotes it: its id, eight digits.
pub fn return_number(id: i64) -> String {
    format!("{id:08}")
}

/// The code the operator types, as typed: digits, spaces and dashes allowed.
pub fn parse_return_code(raw: &str) -> AppResult<String> {
    let code: String = raw.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if code.len() == RETURN_CODE_DIGITS && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(AppError::invalid(Field::Code, Problem::Malformed))
    }
}

/// The comment as typed: trimmed, at most `MAX_COMMENT` characters, no control
/// characters but line breaks.
pub fn parse_comment(raw: &str) -> AppResult<String> {
    let c = raw.trim();
    if c.chars().count() > MAX_COMMENT {
        return Err(AppError::invalid(Field::Comment, Problem::TooLong));
    }
    if c.chars()
        .any(|ch| ch.is_control() && ch != '\n' && ch != '\r' && ch != '\t')
    {
        return Err(AppError::invalid(Field::Comment, Problem::BadCharacters));
    }
    Ok(c.replace("\r\n", "\n"))
}

/// Until when a line received at `received_at` of a category with `days` of
/// return period can be returned; `None` when it cannot be returned at all.
pub fn return_until(received_at: i64, days: i64) -> Option<i64> {
    (days > 0).then(|| received_at + days * DAY_MS)
}

/// What a return of lines worth `goods` (at their prices) gives back, of order
/// with `order_goods`, `discount` and `paid_points` (kopecks), `points_left` not
/// given back yet: (points, money). The lines count as paid (less their share of
/// the discount); points come back in the share they paid of that, in whole
/// points, and money the rest. The delivery is never given back for a return.
pub fn return_split(
    goods: i64,
    order_goods: i64,
    discount: i64,
    paid_points: i64,
    points_left: i64,
) -> (i64, i64) {
    let paid_goods = (order_goods - discount).max(0);
    let net = goods * paid_goods / order_goods.max(1);
    let share = net * paid_points / paid_goods.max(1);
    let points = (share - share % 100).min(points_left).max(0);
    (points, net - points)
}

/// A line the shopper may return, with its last day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnableLine {
    pub id: i64,
    pub product: i64,
    pub title: String,
    pub price: Money,
    pub quantity: i64,
    /// The last moment it can be asked for.
    pub until: i64,
}

/// A received line that cannot be returned, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptLine {
    pub title: String,
    /// `true`: its category cannot be returned; `false`: its period is over.
    pub never: bool,
}

/// The return form of one order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnForm {
    pub order: i64,
    pub number: String,
    pub lines: Vec<ReturnableLine>,
    pub kept: Vec<KeptLine>,
    /// The order was paid by card, so the money may go back to it.
    pub card: bool,
}

/// A line of a return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnLine {
    pub product: i64,
    pub title: String,
    pub price: Money,
    pub quantity: i64,
}

/// A return as the shopper sees it on the order's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnView {
    pub id: i64,
    pub number: String,
    /// What the shopper tells the pickup point (only while it waits).
    pub code: Option<String>,
    pub status: ReturnStatus,
    pub reason: ReturnReason,
    pub comment: String,
    pub refund_to: RefundTo,
    pub lines: Vec<ReturnLine>,
    /// The photos' ids (`/returns/photo/<id>`, thumbnails at `…/thumb`).
    pub photos: Vec<i64>,
    /// Given back in money, and in points; points earned on the lines taken back.
    pub refund: Money,
    pub points_back: Money,
    pub points_taken: Money,
    pub created_at: i64,
    pub closed_at: Option<i64>,
}

/// A return as the pickup point's operator sees it before accepting it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnAtPoint {
    pub number: String,
    pub order_number: String,
    pub reason: ReturnReason,
    pub lines: Vec<ReturnLine>,
    pub photos: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_and_statuses_round_trip_and_bad_ones_are_named() {
        for r in ReturnReason::ALL {
            assert_eq!(ReturnReason::parse(r.as_str()), Ok(r));
        }
        assert_eq!(
            ReturnReason::parse(" "),
            Err(AppError::invalid(Field::Reason, Problem::Required))
        );
        assert_eq!(
            ReturnReason::parse("whim"),
            Err(AppError::invalid(Field::Reason, Problem::Unknown))
        );
        assert_eq!(RefundTo::parse(""), Ok(RefundTo::Wallet));
        assert_eq!(RefundTo::parse("card"), Ok(RefundTo::Card));
        assert!(RefundTo::parse("cash").is_err());
        assert_eq!(
            ReturnStatus::parse("refunded"),
            Some(ReturnStatus::Refunded)
        );
        assert_eq!(return_number(42), "00000042");
    }

    #[test]
    fn codes_and_comments_are_read_as_typed() {
        assert_eq!(parse_return_code("12345 67890").unwrap(), "1234567890");
        assert_eq!(parse_return_code("123-456-7890").unwrap(), "1234567890");
        for bad in ["", "123456789", "12345678901", "12345x7890"] {
            assert!(parse_return_code(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_comment("  шов разошёлся \r\n").unwrap(),
            "шов разошёлся"
        );
        assert_eq!(
            parse_comment(&"я".repeat(MAX_COMMENT + 1)),
            Err(AppError::invalid(Field::Comment, Problem::TooLong))
        );
        assert!(parse_comment(&"я".repeat(MAX_COMMENT)).is_ok());
        assert_eq!(
            parse_comment("a\u{0}b"),
            Err(AppError::invalid(Field::Comment, Problem::BadCharacters))
        );
    }

    #[test]
    fn the_period_counts_from_receipt_and_a_category_may_have_none() {
        assert_eq!(return_until(1_000, 7), Some(1_000 + 7 * DAY_MS));
        assert_eq!(return_until(1_000, 0), None);
    }

    #[test]
    fn a_return_gives_back_the_lines_as_paid_never_the_delivery() {
        // 1,000 ₽ of 2,000 ₽ of goods, no discount, no points: 1,000 ₽.
        assert_eq!(return_split(100_000, 200_000, 0, 0, 0), (0, 100_000));
        // A 10 % discount: the line counts at 900 ₽.
        assert_eq!(return_split(100_000, 200_000, 20_000, 0, 0), (0, 90_000));
        // 450 ₽ of points on 1,800 ₽ paid: a quarter of the 900 ₽ in points.
        assert_eq!(
            return_split(100_000, 200_000, 20_000, 45_000, 45_000),
            (22_500, 67_500)
        );
        // Points in whole points only, and never more than are left.
        assert_eq!(
            return_split(33_333, 100_000, 0, 25_000, 25_000),
            (8_300, 25_033)
        );
        assert_eq!(
            return_split(100_000, 100_000, 0, 25_000, 1_000),
            (1_000, 99_000)
        );
    }
}
