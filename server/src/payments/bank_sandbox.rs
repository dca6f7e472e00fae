//! The partner bank's sandbox for development and tests. Its rule is documented
//! and deterministic: it declines applicants under 21 on the day of review and
//! anyone whose surname is "Отказов", and approves the rest; an approved card is
//! issued the next calendar day, its last four digits taken from the reference. It
//! keeps nothing, so it survives restarts.

use app::payments::bank::{Applicant, BankFuture, CardBank, Decision};

/// The surname the sandbox declines.
pub const DECLINED_SURNAME: &str = "Отказов";
/// The youngest age the sandbox approves.
pub const MIN_AGE: i64 = 21;

pub struct BankSandbox;

/// Whole years from `from` to `to` (both YYYY-MM-DD): an age on a day.
fn years(from: &str, to: &str) -> i64 {
    let part = |s: &str, r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<i64>().ok());
    match (part(from, 0..4), part(to, 0..4)) {
        (Some(a), Some(b)) => b - a - i64::from(to.get(5..) < from.get(5..)),
        _ => 0,
    }
}

impl CardBank for BankSandbox {
    fn review<'a>(&'a self, a: &'a Applicant, today: &'a str) -> BankFuture<'a, Decision> {
        Box::pin(async move {
            Ok(
                if a.last_name == DECLINED_SURNAME || years(&a.birth_date, today) < MIN_AGE {
                    Decision::Declined
                } else {
                    Decision::Approved
                },
            )
        })
    }

    fn issue<'a>(&'a self, reference: &'a str, _today: &'a str) -> BankFuture<'a, Option<String>> {
        Box::pin(async move {
            // FNV-1a of the reference: the same card always gets the same digits.
            let h = reference.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            });
            Ok(Some(format!("{:04}", h % 10_000)))
        })
    }

    fn close<'a>(&'a self, _reference: &'a str) -> BankFuture<'a, ()> {
        Box::pin(async { Ok(()) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applicant(last_name: &str, birth_date: &str) -> Applicant {
        Applicant {
            reference: "card:1".into(),
            last_name: last_name.into(),
            birth_date: birth_date.into(),
        }
    }

    #[tokio::test]
    async fn the_documented_rule_decides() {
        let b = BankSandbox;
        let today = "2026-11-24";
        assert_eq!(
            b.review(&applicant("Иванов", "2005-11-24"), today)
                .await
                .unwrap(),
            Decision::Approved
        );
        assert_eq!(
            b.review(&applicant("Иванов", "2005-11-25"), today)
                .await
                .unwrap(),
            Decision::Declined
        );
        assert_eq!(
            b.review(&applicant("Отказов", "1980-01-01"), today)
                .await
                .unwrap(),
            Decision::Declined
        );
        let first = b.issue("card:1", today).await.unwrap();
        assert_eq!(first, b.issue("card:1", today).await.unwrap());
        assert_eq!(first.map(|s| s.len()), Some(4));
    }
}
