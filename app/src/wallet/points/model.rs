//! Bonus points' rules: 1 point = 1 ₽ at checkout, whole points only, granted in
//! batches that each expire (a year by default), spent soonest-expiring first, and
//! at most 25 % of the goods' cost (never delivery or gift certificates).

use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// How long a batch lasts unless its grant says otherwise: 365 days.
pub const VALID_MS: i64 = 365 * 86_400_000;
/// Points pay at most this share of the goods' cost, in per cent.
pub const CAP_PERCENT: i64 = 25;
/// The most one grant may give: 100 000 points.
pub const MAX_GRANT: Money = Money::from_roubles(100_000);

/// The most points may pay for `goods` (the goods only: no delivery, no gift
/// certificates): 25 %, rounded down to whole points.
pub fn cap(goods: Money) -> Money {
    let k = goods.kopecks().max(0) * CAP_PERCENT / 100;
    Money::from_kopecks(k - k % 100)
}

/// Why points cannot pay this amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpendRefusal {
    /// Points are whole: an amount in kopecks is not.
    NotWhole,
    /// More than 25 % of the goods: at most this much.
    OverCap { cap: Money },
    /// More than the shopper has: this much.
    MoreThanBalance { balance: Money },
}

/// Whether `amount` of points may pay for `goods` from a `balance` of points.
pub fn check_spend(amount: Money, goods: Money, balance: Money) -> Result<(), SpendRefusal> {
    if amount.kopecks() <= 0 || amount.kopecks() % 100 != 0 {
        return Err(SpendRefusal::NotWhole);
    }
    let cap = cap(goods);
    if amount > cap {
        return Err(SpendRefusal::OverCap { cap });
    }
    if amount > balance {
        return Err(SpendRefusal::MoreThanBalance { balance });
    }
    Ok(())
}

/// How much to take from each batch (id, remaining), given in the order to spend
/// them, to make `amount`; None when they hold less.
pub fn allocate(batches: &[(i64, i64)], amount: i64) -> Option<Vec<(i64, i64)>> {
    let mut left = amount;
    let mut takes = Vec::new();
    for &(id, remaining) in batches {
        if left == 0 {
            break;
        }
        let take = remaining.min(left);
        if take > 0 {
            takes.push((id, take));
            left -= take;
        }
    }
    (left == 0).then_some(takes)
}

/// A shopper's points as the "Баллы" page shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsView {
    pub balance: Money,
    /// What expires on each Moscow date (YYYY-MM-DD), soonest first.
    pub by_expiry: Vec<(String, Money)>,
}

impl PointsView {
    /// From the batches' (expires_at, remaining), soonest first.
    pub fn from_batches(batches: &[(i64, i64)]) -> PointsView {
        let mut by_expiry: Vec<(String, Money)> = Vec::new();
        for &(at, remaining) in batches.iter().filter(|b| b.1 > 0) {
            let day = crate::shared::time::date_of(at);
            match by_expiry.last_mut() {
                Some((d, m)) if *d == day => *m = Money::from_kopecks(m.kopecks() + remaining),
                _ => by_expiry.push((day, Money::from_kopecks(remaining))),
            }
        }
        let balance = Money::from_kopecks(by_expiry.iter().map(|(_, m)| m.kopecks()).sum());
        PointsView { balance, by_expiry }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_pay_a_quarter_of_the_goods_in_whole_points() {
        assert_eq!(cap(Money::from_roubles(1000)), Money::from_roubles(250));
        assert_eq!(cap(Money::from_kopecks(99_999)), Money::from_roubles(249));
        assert_eq!(cap(Money::ZERO), Money::ZERO);
        let rub = Money::from_roubles;
        assert_eq!(check_spend(rub(250), rub(1000), rub(300)), Ok(()));
        assert_eq!(
            check_spend(rub(251), rub(1000), rub(300)),
            Err(SpendRefusal::OverCap { cap: rub(250) })
        );
        assert_eq!(
            check_spend(rub(200), rub(1000), rub(150)),
            Err(SpendRefusal::MoreThanBalance { balance: rub(150) })
        );
        assert_eq!(
            check_spend(Money::from_kopecks(150), rub(1000), rub(300)),
            Err(SpendRefusal::NotWhole)
        );
    }

    #[test]
    fn spending_takes_batches_in_order() {
        let batches = [(1, 100), (2, 0), (3, 500), (4, 300)];
        assert_eq!(allocate(&batches, 350), Some(vec![(1, 100), (3, 250)]));
        assert_eq!(
            allocate(&batches, 900),
            Some(vec![(1, 100), (3, 500), (4, 300)])
        );
        assert_eq!(allocate(&batches, 901), None);
    }

    #[test]
    fn the_page_groups_by_date() {
        // Two batches expiring the same Moscow day, one later.
        let day = 1_795_305_600_000;
        let v = PointsView::from_batches(&[
            (day, 10_000),
            (day + 60_000, 5_000),
            (day + 86_400_000, 700),
            (day, 0),
        ]);
        assert_eq!(v.balance, Money::from_kopecks(15_700));
        assert_eq!(
            v.by_expiry,
            vec![
                ("2026-11-22".to_string(), Money::from_kopecks(15_000)),
                ("2026-11-23".to_string(), Money::from_kopecks(700)),
            ]
        );
    }
}
