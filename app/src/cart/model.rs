//! Cart types and the rules for quantities and totals.

use crate::catalog::ProductCard;
use crate::shared::error::AppError;
use crate::shared::error::{Field, Problem};
use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// How many units of one product; at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Quantity(i64);

/// Nobody buys more than this of one product in one order.
pub const MAX_QUANTITY: i64 = 999;

impl Quantity {
    /// Parses what a person typed: a whole number from 1 to 999.
    pub fn parse(input: &str) -> Result<Quantity, AppError> {
        let s = input.trim();
        if s.is_empty() || s.len() > 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AppError::invalid(Field::Quantity, Problem::NotAWholeNumber));
        }
        match s.parse::<i64>() {
            Ok(n) if (1..=MAX_QUANTITY).contains(&n) => Ok(Quantity(n)),
            _ => Err(AppError::invalid(Field::Quantity, Problem::OutOfRange)),
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }

    /// Checks the quantity against what is in stock.
    pub fn within_stock(self, stock: i64) -> Result<Quantity, AppError> {
        if self.0 <= stock {
            Ok(self)
        } else {
            Err(AppError::InsufficientStock { available: stock })
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub product: ProductCard,
    pub quantity: i64,
    pub selected: bool,
    /// The price the shopper saw when putting it in (or last accepted at checkout).
    pub seen_price: Option<Money>,
}

impl CartLine {
    /// The price the shopper saw, when it differs from the price now.
    pub fn price_change(&self) -> Option<Money> {
        self.seen_price.filter(|seen| *seen != self.product.price)
    }

    pub fn total(&self) -> Money {
        self.product
            .price
            .checked_mul(self.quantity)
            .unwrap_or(Money::ZERO)
    }

    /// What the line would cost at old prices (the price itself where there is none).
    pub fn total_before_discount(&self) -> Money {
        self.product
            .old_price
            .unwrap_or(self.product.price)
            .max(self.product.price)
            .checked_mul(self.quantity)
            .unwrap_or(Money::ZERO)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Totals {
    /// Units among the selected lines.
    pub units: i64,
    pub before_discount: Money,
    pub discount: Money,
    pub to_pay: Money,
}

impl Totals {
    /// Totals of the selected lines only.
    pub fn of(lines: &[CartLine]) -> Totals {
        let mut t = Totals::default();
        for l in lines.iter().filter(|l| l.selected) {
            t.units += l.quantity;
            t.before_discount = t
                .before_discount
                .checked_add(l.total_before_discount())
                .unwrap_or(t.before_discount);
            t.to_pay = t.to_pay.checked_add(l.total()).unwrap_or(t.to_pay);
        }
        t.discount = t
            .before_discount
            .checked_sub(t.to_pay)
            .unwrap_or(Money::ZERO);
        t
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CartView {
    pub lines: Vec<CartLine>,
    pub totals: Totals,
    /// Units in the whole cart, for the header badge.
    pub units: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Rating;

    fn line(price: i64, old: Option<i64>, qty: i64, selected: bool) -> CartLine {
        CartLine {
            product: ProductCard {
                id: 1,
                title: "x".into(),
                brand: "b".into(),
                price: Money::from_kopecks(price),
                old_price: old.map(Money::from_kopecks),
                rating: Rating {
                    hundredths: 0,
                    count: 0,
                },
                stock: 10,
            },
            quantity: qty,
            selected,
            seen_price: None,
        }
    }

    #[test]
    fn quantities_are_whole_numbers_in_range() {
        assert_eq!(Quantity::parse(" 3 ").map(Quantity::get), Ok(3));
        for bad in [
            "0",
            "-1",
            "1.5",
            "abc",
            "",
            "1000",
            "1000000000000",
            "99999999999999999999999",
        ] {
            assert!(Quantity::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Quantity::parse("5").and_then(|q| q.within_stock(4)),
            Err(AppError::InsufficientStock { available: 4 })
        );
    }

    #[test]
    fn totals_count_selected_lines_only() {
        let lines = [
            line(10_000, Some(15_000), 2, true),
            line(5_000, None, 1, true),
            line(99_900, None, 3, false),
        ];
        let t = Totals::of(&lines);
        assert_eq!(t.units, 3);
        assert_eq!(t.before_discount, Money::from_kopecks(35_000));
        assert_eq!(t.to_pay, Money::from_kopecks(25_000));
        assert_eq!(t.discount, Money::from_kopecks(10_000));
    }
}
