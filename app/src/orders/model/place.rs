//! What a placement asks for: its lines, how it is paid, the delivery price and the
//! recipient's name.

use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// At most this many different products in one order.
pub const MAX_LINES: usize = 50;
/// At most this many pieces of one product in one order: as many as a cart line
/// may hold (`cart::model::MAX_QUANTITY`).
pub const MAX_QUANTITY: i64 = 999;

/// One line the shopper confirmed at checkout: the product, how many, and the
/// price they saw. Nothing is bought at a price the shopper did not see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub product: i64,
    pub quantity: i64,
    pub seen_price: Money,
}

impl Line {
    /// Lines as the checkout form posts them: "product:quantity:price_kopecks"
    /// joined by commas. Sorted by product (the order stock rows are locked in),
    /// each product once.
    pub fn parse_list(raw: &str) -> AppResult<Vec<Line>> {
        let bad = || AppError::invalid(Field::Product, Problem::Malformed);
        let mut lines = Vec::new();
        for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let mut it = part.split(':');
            let (Some(p), Some(q), Some(k), None) = (it.next(), it.next(), it.next(), it.next())
            else {
                return Err(bad());
            };
            let product: i64 = p.parse().map_err(|_| bad())?;
            let quantity: i64 = q
                .parse()
                .map_err(|_| AppError::invalid(Field::Quantity, Problem::NotAWholeNumber))?;
            let kopecks: i64 = k.parse().map_err(|_| bad())?;
            if product <= 0 || kopecks <= 0 {
                return Err(bad());
            }
            if !(1..=MAX_QUANTITY).contains(&quantity) {
                return Err(AppError::invalid(Field::Quantity, Problem::OutOfRange));
            }
            lines.push(Line {
                product,
                quantity,
                seen_price: Money::from_kopecks(kopecks),
            });
        }
        if lines.is_empty() {
            return Err(AppError::invalid(Field::Selected, Problem::Empty));
        }
        if lines.len() > MAX_LINES {
            return Err(AppError::invalid(Field::Selected, Problem::TooLong));
        }
        lines.sort_by_key(|l| l.product);
        if lines.windows(2).any(|w| w[0].product == w[1].product) {
            return Err(bad());
        }
        Ok(lines)
    }

    /// The canonical text of a list, for comparing a repeated request with the first.
    pub fn canonical(lines: &[Line]) -> String {
        lines
            .iter()
            .map(|l| format!("{}:{}:{}", l.product, l.quantity, l.seen_price.kopecks()))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// How the shopper pays: from Rynok Account now, by card at the provider, or on
/// receipt at the pickup point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayMethod {
    Wallet,
    Card,
    OnReceipt,
}

impl PayMethod {
    pub fn parse(s: &str) -> AppResult<PayMethod> {
        match s.trim() {
            "wallet" => Ok(PayMethod::Wallet),
            "card" => Ok(PayMethod::Card),
            "on_receipt" => Ok(PayMethod::OnReceipt),
            _ => Err(AppError::invalid(Field::Request, Problem::Unknown)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PayMethod::Wallet => "wallet",
            PayMethod::Card => "card",
            PayMethod::OnReceipt => "on_receipt",
        }
    }
}

/// Bonus points to spend as the checkout form posts them: kopecks of whole points;
/// nothing (or 0) spends none.
pub fn parse_points(raw: &str) -> AppResult<Money> {
    let raw = raw.trim();
    if raw.is_empty() || raw == "0" {
        return Ok(Money::ZERO);
    }
    match raw.parse::<i64>() {
        Ok(k) if k > 0 && k % 100 == 0 => Ok(Money::from_kopecks(k)),
        _ => Err(AppError::invalid(Field::Points, Problem::Malformed)),
    }
}

/// Delivery costs `price` unless the goods reach `free_from`.
pub fn delivery_price(goods: Money, price: Money, free_from: Money) -> Money {
    if goods.kopecks() >= free_from.kopecks() {
        Money::ZERO
    } else {
        price
    }
}

/// The recipient's name as the pickup point checks it against a passport: letters
/// (Cyrillic or Latin), spaces, hyphens and apostrophes, 2 to 100 characters.
pub fn recipient_name(raw: &str) -> AppResult<String> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(AppError::invalid(Field::FullName, Problem::Empty));
    }
    if !name
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\''))
    {
        return Err(AppError::invalid(Field::FullName, Problem::Letters));
    }
    if !(2..=100).contains(&name.chars().count()) {
        return Err(AppError::invalid(Field::FullName, Problem::Length));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use crate::orders::model::*;
    use crate::shared::error::{AppError, Field, Problem};
    use crate::shared::money::Money;

    #[test]
    fn lines_parse_sorted_once_each_with_a_reason_for_each_bad_one() {
        let l = Line::parse_list("7:2:129900, 3:1:5000").unwrap();
        assert_eq!(l.iter().map(|l| l.product).collect::<Vec<_>>(), [3, 7]);
        assert_eq!(Line::canonical(&l), "3:1:5000,7:2:129900");
        let problem = |raw: &str| match Line::parse_list(raw) {
            Err(AppError::Invalid { field, message }) => (field, message),
            other => panic!("{raw}: {other:?}"),
        };
        assert_eq!(problem(""), (Field::Selected, Problem::Empty));
        assert_eq!(problem("3:0:5000"), (Field::Quantity, Problem::OutOfRange));
        assert_eq!(
            problem("3:1000:5000"),
            (Field::Quantity, Problem::OutOfRange)
        );
        assert_eq!(
            problem("3:x:5000"),
            (Field::Quantity, Problem::NotAWholeNumber)
        );
        assert_eq!(
            problem("3:1:5000,3:2:5000"),
            (Field::Product, Problem::Malformed)
        );
        assert_eq!(problem("3:1"), (Field::Product, Problem::Malformed));
        assert_eq!(problem("-3:1:5000"), (Field::Product, Problem::Malformed));
        assert_eq!(problem("3:1:0"), (Field::Product, Problem::Malformed));
        let many = (1..=51)
            .map(|i| format!("{i}:1:100"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(problem(&many), (Field::Selected, Problem::TooLong));
    }

    #[test]
    fn recipient_names_are_letters() {
        assert_eq!(
            recipient_name("  Иванова   Мария ").unwrap(),
            "Иванова Мария"
        );
        assert_eq!(
            recipient_name("Anne-Marie O'Neil").unwrap(),
            "Anne-Marie O'Neil"
        );
        for (raw, p) in [
            ("", Problem::Empty),
            ("Иван2", Problem::Letters),
            ("<b>", Problem::Letters),
            ("Я", Problem::Length),
        ] {
            assert_eq!(
                recipient_name(raw),
                Err(AppError::invalid(Field::FullName, p)),
                "{raw}"
            );
        }
    }

    #[test]
    fn delivery_is_free_from_the_threshold() {
        let (p, free) = (Money::from_kopecks(9_900), Money::from_kopecks(100_000));
        assert_eq!(delivery_price(Money::from_kopecks(99_999), p, free), p);
        assert_eq!(
            delivery_price(Money::from_kopecks(100_000), p, free),
            Money::ZERO
        );
    }

    #[test]
    fn points_to_spend_are_whole_points_in_kopecks() {
        assert_eq!(parse_points("").unwrap(), Money::ZERO);
        assert_eq!(parse_points("0").unwrap(), Money::ZERO);
        assert_eq!(parse_points("12300").unwrap(), Money::from_kopecks(12_300));
        for bad in ["12350", "-100", "x"] {
            assert_eq!(
                parse_points(bad),
                Err(AppError::invalid(Field::Points, Problem::Malformed)),
                "{bad}"
            );
        }
    }
}
