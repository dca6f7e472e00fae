//! Money is a whole number of kopecks. There is no floating point anywhere near it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount in kopecks (1 ₽ = 100 kopecks). Never negative for prices.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Money(i64);

/// The narrow no-break space Russian typography puts between groups of digits.
pub const NNBSP: char = '\u{202F}';

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_kopecks(k: i64) -> Self {
        Money(k)
    }

    pub const fn from_roubles(r: i64) -> Self {
        Money(r * 100)
    }

    pub const fn kopecks(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    pub fn checked_mul(self, n: i64) -> Option<Money> {
        self.0.checked_mul(n).map(Money)
    }

    /// Parses an amount in roubles as people type it: "1299", "1 299", "1299,50", "1299.5".
    /// At most two digits after the separator; no sign, no exponent.
    pub fn parse_roubles(input: &str) -> Result<Money, MoneyParseError> {
        let cleaned: String = input
            .trim()
            .trim_end_matches('₽')
            .trim()
            .chars()
            .filter(|c| !matches!(*c, ' ' | '\u{A0}' | NNBSP))
            .collect();
        if cleaned.is_empty() {
            return Err(MoneyParseError::Empty);
        }
        let (whole, frac) = match cleaned.split_once([',', '.']) {
            Some((w, f)) => (w, f),
            None => (cleaned.as_str(), ""),
        };
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyParseError::NotANumber);
        }
        if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyParseError::NotANumber);
        }
        let roubles: i64 = whole.parse().map_err(|_| MoneyParseError::TooLarge)?;
        let mut kop: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| MoneyParseError::NotANumber)?
        };
        if frac.len() == 1 {
            kop *= 10;
        }
        roubles
            .checked_mul(100)
            .and_then(|k| k.checked_add(kop))
            .filter(|k| *k <= MAX_KOPECKS)
            .map(Money)
            .ok_or(MoneyParseError::TooLarge)
    }

    /// Whole-percent discount from an old price to this one, rounded down; None if not cheaper.
    pub fn discount_percent_from(self, old: Money) -> Option<u8> {
        if old.0 <= 0 || self.0 >= old.0 {
            return None;
        }
        let pct = (old.0 - self.0) * 100 / old.0;
        (pct > 0).then_some(pct as u8)
    }
}

/// The largest amount we accept from a person: a billion roubles.
pub const MAX_KOPECKS: i64 = 1_000_000_000 * 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyParseError {
    Empty,
    NotANumber,
    TooLarge,
}

/// Groups digits by three with a narrow no-break space: 1299 -> "1 299".
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NNBSP);
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Money {
    /// "1 299 ₽", or "1 299,50 ₽" when there are kopecks.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "−" } else { "" };
        let abs = self.0.unsigned_abs();
        let (r, k) = (abs / 100, abs % 100);
        if k == 0 {
            write!(f, "{sign}{}{NNBSP}₽", group_digits(r))
        } else {
            write!(f, "{sign}{},{k:02}{NNBSP}₽", group_digits(r))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_roubles_with_narrow_spaces() {
        assert_eq!(
            Money::from_kopecks(129_900).to_string(),
            "1\u{202F}299\u{202F}₽"
        );
        assert_eq!(Money::from_kopecks(99).to_string(), "0,99\u{202F}₽");
        assert_eq!(
            Money::from_kopecks(12_345_678_900).to_string(),
            "123\u{202F}456\u{202F}789\u{202F}₽"
        );
        assert_eq!(
            Money::from_kopecks(100_050).to_string(),
            "1\u{202F}000,50\u{202F}₽"
        );
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(
            Money::parse_roubles("1299"),
            Ok(Money::from_kopecks(129_900))
        );
        assert_eq!(
            Money::parse_roubles(" 1 299 ₽"),
            Ok(Money::from_kopecks(129_900))
        );
        assert_eq!(Money::parse_roubles("10,5"), Ok(Money::from_kopecks(1050)));
        assert_eq!(Money::parse_roubles("10.05"), Ok(Money::from_kopecks(1005)));
        assert_eq!(
            Money::parse_roubles("abc"),
            Err(MoneyParseError::NotANumber)
        );
        assert_eq!(Money::parse_roubles("-5"), Err(MoneyParseError::NotANumber));
        assert_eq!(
            Money::parse_roubles("1e5"),
            Err(MoneyParseError::NotANumber)
        );
        assert_eq!(
            Money::parse_roubles("1,234"),
            Err(MoneyParseError::NotANumber)
        );
        assert_eq!(Money::parse_roubles(""), Err(MoneyParseError::Empty));
        assert_eq!(
            Money::parse_roubles("99999999999999999999"),
            Err(MoneyParseError::TooLarge)
        );
    }

    #[test]
    fn discount_is_rounded_down_and_only_when_cheaper() {
        let now = Money::from_roubles(750);
        assert_eq!(
            now.discount_percent_from(Money::from_roubles(1000)),
            Some(25)
        );
        assert_eq!(now.discount_percent_from(Money::from_roubles(750)), None);
        assert_eq!(now.discount_percent_from(Money::from_roubles(500)), None);
    }

    proptest! {
        #[test]
        fn display_then_parse_round_trips(k in 0i64..MAX_KOPECKS) {
            let shown = Money::from_kopecks(k).to_string();
            prop_assert_eq!(Money::parse_roubles(&shown), Ok(Money::from_kopecks(k)));
        }

        #[test]
        fn parse_never_panics(s in ".{0,40}") {
            let _ = Money::parse_roubles(&s);
        }
    }
}
