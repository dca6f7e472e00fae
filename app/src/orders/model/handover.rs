//! What a pickup point's operator sees and does: the order found by the shopper's
//! code, and what handing it over took.

use super::view::ItemView;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// How many digits a pickup code has.
pub const PICKUP_CODE_DIGITS: usize = 8;

/// An order found by the shopper's code at the operator's point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handover {
    pub order: i64,
    pub number: String,
    /// Whom to give it to: the name on the order, checked against a passport.
    pub recipient: String,
    /// The lines waiting at this point.
    pub items: Vec<ItemView>,
    /// Paid on receipt: what is still due for the whole order.
    pub due: Money,
}

/// What a hand-over did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandedOver {
    pub number: String,
    /// Lines given to the shopper.
    pub handed: usize,
    /// Taken from the shopper at the point.
    pub taken: Money,
}

/// A pickup code as the operator types it: 8 digits; spaces and dashes are ignored.
pub fn parse_pickup_code(raw: &str) -> AppResult<String> {
    let code: String = raw.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if code.len() == PICKUP_CODE_DIGITS && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(AppError::invalid(Field::Code, Problem::Malformed))
    }
}

/// The lines the shopper takes, as the form posts them: ids joined by commas
/// (several `item` fields arrive joined the same way). None is a refusal of all.
pub fn parse_items(raw: &str) -> AppResult<Vec<i64>> {
    let mut ids = Vec::new();
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.parse::<i64>() {
            Ok(id) if id > 0 => ids.push(id),
            _ => return Err(AppError::invalid(Field::Selected, Problem::Malformed)),
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// What to take at a hand-over paid on receipt: the lines handed over, and the
/// delivery at the order's first hand-over; never more than is still due.
pub fn take_now(handed_goods: Money, delivery: Money, first: bool, due: Money) -> Money {
    let want = handed_goods.kopecks() + if first { delivery.kopecks() } else { 0 };
    Money::from_kopecks(want.min(due.kopecks()).max(0))
}

#[cfg(test)]
mod tests {
    use crate::orders::model::*;
    use crate::shared::error::{AppError, Field, Problem};
    use crate::shared::money::Money;

    #[test]
    fn pickup_codes_and_handed_lines_parse_with_a_reason() {
        assert_eq!(parse_pickup_code("373 824-56").unwrap(), "37382456");
        for bad in ["", "3738245", "373824567", "3738245x"] {
            assert_eq!(
                parse_pickup_code(bad),
                Err(AppError::invalid(Field::Code, Problem::Malformed)),
                "{bad}"
            );
        }
        assert_eq!(parse_items(" 7, 3,7 ").unwrap(), [3, 7]);
        assert_eq!(parse_items("").unwrap(), Vec::<i64>::new());
        assert_eq!(
            parse_items("3,-1"),
            Err(AppError::invalid(Field::Selected, Problem::Malformed))
        );
    }

    #[test]
    fn on_receipt_the_delivery_is_taken_at_the_first_hand_over_and_never_more_than_due() {
        let m = Money::from_kopecks;
        assert_eq!(take_now(m(50_000), m(9_900), true, m(79_800)), m(59_900));
        assert_eq!(take_now(m(19_900), m(9_900), false, m(19_900)), m(19_900));
        assert_eq!(take_now(m(50_000), m(9_900), true, m(30_000)), m(30_000));
        assert_eq!(take_now(m(0), m(9_900), false, m(0)), m(0));
    }
}
