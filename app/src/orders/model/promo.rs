//! Promo codes' rules: a percentage or a fixed sum off the goods a code applies to
//! (a category, a seller, or all), from a minimum sum of those goods, within its
//! dates, at most so many times per account and in all.

use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// A promo code as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Promo {
    pub id: i64,
    pub code: String,
    pub percent: Option<i64>,
    /// Kopecks off.
    pub fixed: Option<i64>,
    /// The least the goods it applies to must cost, in kopecks.
    pub min_goods: i64,
    pub valid_from: i64,
    /// Not valid from this moment on.
    pub valid_until: Option<i64>,
    pub per_account: i64,
    pub total_limit: Option<i64>,
    pub used: i64,
    /// Only goods of this category (or of a category under it, by its root).
    pub category_id: Option<i64>,
    /// Only goods of this seller.
    pub seller_id: Option<i64>,
}

/// What a promo code needs to know of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PromoLine {
    pub category: i64,
    pub root_category: i64,
    pub seller: i64,
    /// Price × quantity, in kopecks.
    pub goods: i64,
}

/// A promo code as typed: trimmed, in capitals; letters, digits and hyphens, 3 to
/// 32 of them. Nothing typed is no code.
pub fn parse_promo_code(raw: &str) -> AppResult<Option<String>> {
    let code = raw.trim().to_uppercase();
    if code.is_empty() {
        return Ok(None);
    }
    let ok = (3..=32).contains(&code.chars().count())
        && code.chars().all(|c| c.is_alphanumeric() || c == '-');
    if ok {
        Ok(Some(code))
    } else {
        Err(AppError::invalid(Field::Promo, Problem::Malformed))
    }
}

/// What `p` takes off `lines` at `now` for an account that used it `my_uses` times
/// already, or why it does not apply: expired (or not yet valid), used up in all,
/// used up by this account, not applicable to these goods, below its minimum.
pub fn promo_discount(
    p: &Promo,
    lines: &[PromoLine],
    now: i64,
    my_uses: i64,
) -> Result<Money, Problem> {
    if now < p.valid_from || p.valid_until.is_some_and(|u| now >= u) {
        return Err(Problem::Expired);
    }
    if p.total_limit.is_some_and(|l| p.used >= l) {
        return Err(Problem::Refused);
    }
    if my_uses >= p.per_account {
        return Err(Problem::AlreadyUsed);
    }
    let eligible: i64 = lines
        .iter()
        .filter(|l| {
            p.category_id
                .is_none_or(|c| l.category == c || l.root_category == c)
        })
        .filter(|l| p.seller_id.is_none_or(|s| l.seller == s))
        .map(|l| l.goods)
        .sum();
    if eligible == 0 {
        return Err(Problem::Rejected);
    }
    if eligible < p.min_goods {
        return Err(Problem::BelowMinimum);
    }
    let off = match (p.percent, p.fixed) {
        (Some(pct), _) => eligible * pct / 100,
        (None, Some(f)) => f.min(eligible),
        (None, None) => 0,
    };
    Ok(Money::from_kopecks(off))
}

#[cfg(test)]
mod tests {
    use crate::orders::model::*;
    use crate::shared::error::{AppError, Field, Problem};
    use crate::shared::money::Money;

    fn promo() -> Promo {
        Promo {
            id: 1,
            code: "RYNOK10".into(),
            percent: Some(10),
            fixed: None,
            min_goods: 100_000,
            valid_from: 1_000,
            valid_until: Some(2_000),
            per_account: 1,
            total_limit: Some(5),
            used: 0,
            category_id: None,
            seller_id: None,
        }
    }

    #[test]
    fn promo_codes_apply_by_their_rules_and_say_why_not() {
        let line = |category, seller, goods| PromoLine {
            category,
            root_category: 100 + category,
            seller,
            goods,
        };
        let lines = [line(1, 7, 80_000), line(2, 8, 40_000)];
        let p = promo();
        assert_eq!(
            promo_discount(&p, &lines, 1_500, 0),
            Ok(Money::from_kopecks(12_000))
        );
        assert_eq!(promo_discount(&p, &lines, 999, 0), Err(Problem::Expired));
        assert_eq!(promo_discount(&p, &lines, 2_000, 0), Err(Problem::Expired));
        assert_eq!(
            promo_discount(&p, &lines, 1_500, 1),
            Err(Problem::AlreadyUsed)
        );
        let used_up = Promo { used: 5, ..promo() };
        assert_eq!(
            promo_discount(&used_up, &lines, 1_500, 0),
            Err(Problem::Refused)
        );
        // A category's (by itself or by its root) or a seller's goods only.
        let shoes = Promo {
            category_id: Some(102),
            min_goods: 0,
            ..promo()
        };
        assert_eq!(
            promo_discount(&shoes, &lines, 1_500, 0),
            Ok(Money::from_kopecks(4_000))
        );
        let seller = Promo {
            seller_id: Some(9),
            ..promo()
        };
        assert_eq!(
            promo_discount(&seller, &lines, 1_500, 0),
            Err(Problem::Rejected)
        );
        let seller7 = Promo {
            seller_id: Some(7),
            ..promo()
        };
        assert_eq!(
            promo_discount(&seller7, &lines, 1_500, 0),
            Err(Problem::BelowMinimum)
        );
        // A fixed sum never takes more than the goods cost.
        let fixed = Promo {
            percent: None,
            fixed: Some(500_000),
            min_goods: 0,
            ..promo()
        };
        assert_eq!(
            promo_discount(&fixed, &lines, 1_500, 0),
            Ok(Money::from_kopecks(120_000))
        );
        assert_eq!(
            parse_promo_code(" rynok10 ").unwrap().as_deref(),
            Some("RYNOK10")
        );
        assert_eq!(parse_promo_code("").unwrap(), None);
        assert_eq!(
            parse_promo_code("<b>"),
            Err(AppError::invalid(Field::Promo, Problem::Malformed))
        );
    }
}
