//! Business days in Russia: Monday to Friday, less public holidays and moved days
//! off, plus the Saturdays made working days, for 2026 and 2027 from the data file
//! `app/data/ru-calendar.txt`. "Money arrives in 2 business days" counts these.

use std::collections::HashMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../data/ru-calendar.txt");

/// The years the data file covers; outside them only weekends count.
pub const YEARS: std::ops::RangeInclusive<i64> = 2026..=2027;

fn exceptions() -> &'static HashMap<i64, bool> {
    static MAP: OnceLock<HashMap<i64, bool>> = OnceLock::new();
    MAP.get_or_init(|| {
        DATA.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (date, what) = l.split_once(' ')?;
                Some((day_number(date)?, what.trim() == "work"))
            })
            .collect()
    })
}

/// Days since 1970-01-01 of a date written YYYY-MM-DD.
pub fn day_number(date: &str) -> Option<i64> {
    if !crate::shared::time::valid_date(date) {
        return None;
    }
    let y: i64 = date[0..4].parse().ok()?;
    let m: i64 = date[5..7].parse().ok()?;
    let d: i64 = date[8..10].parse().ok()?;
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The date (YYYY-MM-DD) of a day number.
pub fn date_of_day(day: i64) -> String {
    crate::shared::time::date_of(day * 86_400_000)
}

/// Whether the day is a working day.
pub fn is_business_day(day: i64) -> bool {
    if let Some(work) = exceptions().get(&day) {
        return *work;
    }
    // 1970-01-01 was a Thursday: 0 = Monday ... 6 = Sunday.
    (day + 3).rem_euclid(7) < 5
}

/// The date `n` business days after `date` (not counting `date` itself): a transfer
/// started on a Friday with n = 2 arrives by Tuesday.
pub fn add_business_days(date: &str, n: u32) -> Option<String> {
    let mut day = day_number(date)?;
    let mut left = n;
    while left > 0 {
        day += 1;
        if is_business_day(day) {
            left -= 1;
        }
    }
    Some(date_of_day(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn biz(d: &str) -> bool {
        is_business_day(day_number(d).unwrap_or_default())
    }

    #[test]
    fn weekends_holidays_and_moved_days() {
        assert!(biz("2026-11-23")); // Monday
        assert!(!biz("2026-11-22")); // Sunday
        assert!(!biz("2026-11-04")); // Unity Day
        assert!(!biz("2026-03-09")); // 8 March moved from a Sunday
        assert!(!biz("2026-12-31")); // moved from 4 January
        assert!(!biz("2026-01-09"));
        assert!(biz("2026-01-12"));
        assert!(!biz("2027-02-22"));
    }

    #[test]
    fn two_business_days_skip_weekends_and_holidays() {
        assert_eq!(
            add_business_days("2026-11-23", 2).as_deref(),
            Some("2026-11-25")
        );
        // Friday -> Tuesday.
        assert_eq!(
            add_business_days("2026-11-27", 2).as_deref(),
            Some("2026-12-01")
        );
        // Over Unity Day (Wednesday 4 November).
        assert_eq!(
            add_business_days("2026-11-03", 2).as_deref(),
            Some("2026-11-06")
        );
        // Over the New Year: 31 December and 1-8 January are days off, the 9th and
        // 10th a weekend; the 11th is the first business day, the 12th the second.
        assert_eq!(
            add_business_days("2026-12-30", 2).as_deref(),
            Some("2027-01-12")
        );
        assert_eq!(add_business_days("bad", 2), None);
    }

    #[test]
    fn the_data_file_covers_both_years() {
        for y in YEARS {
            assert!(
                exceptions()
                    .keys()
                    .any(|d| date_of_day(*d).starts_with(&y.to_string()))
            );
        }
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(
            date_of_day(day_number("2026-11-23").unwrap_or_default()),
            "2026-11-23"
        );
    }
}
