//! Moments as people read them: Moscow time (UTC+3, no daylight saving), the
//! shop's time for now.

/// A moment in Moscow time (UTC+3, no daylight saving): (year, month, day, hour, minute).
pub fn moscow_time(ms: i64) -> (i64, i64, i64, i64, i64) {
    let secs = ms.div_euclid(1000) + 3 * 3600;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, rem / 3600, rem % 3600 / 60)
}

/// The date (YYYY-MM-DD, Moscow time) of a moment in milliseconds.
pub fn date_of(ms: i64) -> String {
    let (year, month, day, _, _) = moscow_time(ms);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A date written YYYY-MM-DD as a person in Russia reads it: "dd.mm.yyyy".
pub fn date_ru(iso: &str) -> String {
    match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

/// A moment as a person reads it: "dd.mm.yyyy hh:mm", Moscow time.
pub fn local_datetime(ms: i64) -> String {
    let (year, month, day, hour, minute) = moscow_time(ms);
    format!("{day:02}.{month:02}.{year} {hour:02}:{minute:02}")
}

/// Whether `s` is a real calendar date written YYYY-MM-DD.
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        s.get(r)
            .filter(|p| p.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_moments_are_moscow_dates() {
        assert_eq!(date_of(1_795_305_600_000), "2026-11-22");
        assert_eq!(
            date_of(1_795_305_600_000 - 3 * 3_600_000),
            "2026-11-22",
            "21:00 UTC is midnight in Moscow"
        );
        assert_eq!(date_of(1_795_305_600_000 - 3 * 3_600_000 - 1), "2026-11-21");
    }

    #[test]
    fn moments_in_moscow_time() {
        // 2026-11-22 00:00 UTC is 03:00 in Moscow.
        assert_eq!(local_datetime(1_795_305_600_000), "22.11.2026 03:00");
    }
}
