//! "My data": the profile form's fields and the calendar they are checked against.

use serde::{Deserialize, Serialize};

/// "My data" as shown and as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub last_name: String,
    pub first_name: String,
    pub middle_name: String,
    /// "", "male" or "female".
    pub gender: String,
    /// YYYY-MM-DD, or empty.
    pub birth_date: String,
    pub newsletter: bool,
}

/// Why a profile field was refused: (field, reason).
pub type FieldError = (&'static str, &'static str);

impl Profile {
    /// Parses the form: names of letters, spaces, hyphens and apostrophes (at most 60),
    /// a known gender, a real date of birth not after `today` (YYYY-MM-DD) nor before 1900.
    pub fn parse(
        last_name: &str,
        first_name: &str,
        middle_name: &str,
        gender: &str,
        birth_date: &str,
        newsletter: bool,
        today: &str,
    ) -> Result<Profile, FieldError> {
        fn name(field: &'static str, raw: &str) -> Result<String, FieldError> {
            let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            if s.chars().count() > 60 {
                return Err((field, "too_long"));
            }
            if !s
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.'))
            {
                return Err((field, "letters"));
            }
            Ok(s)
        }
        let gender = match gender.trim() {
            "" => "",
            "male" => "male",
            "female" => "female",
            _ => return Err(("gender", "unknown")),
        };
        let birth_date = birth_date.trim();
        if !birth_date.is_empty() {
            if !valid_date(birth_date) {
                return Err(("birth_date", "not_a_date"));
            }
            if birth_date > today {
                return Err(("birth_date", "future"));
            }
            if birth_date < "1900-01-01" {
                return Err(("birth_date", "too_old"));
            }
        }
        Ok(Profile {
            last_name: name("last_name", last_name)?,
            first_name: name("first_name", first_name)?,
            middle_name: name("middle_name", middle_name)?,
            gender: gender.to_string(),
            birth_date: birth_date.to_string(),
            newsletter,
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_are_checked_field_by_field() {
        let ok = Profile::parse(
            " Иванов ",
            "Иван",
            "",
            "male",
            "1990-02-28",
            true,
            "2026-11-22",
        )
        .unwrap();
        assert_eq!(ok.last_name, "Иванов");
        assert_eq!(
            Profile::parse("Д'Артаньян-Ли", "", "", "", "", false, "2026-11-22")
                .unwrap()
                .last_name,
            "Д'Артаньян-Ли"
        );
        let err = |ln: &str, g: &str, bd: &str| {
            Profile::parse(ln, "", "", g, bd, false, "2026-11-22").unwrap_err()
        };
        assert_eq!(err("<script>", "", ""), ("last_name", "letters"));
        assert_eq!(err(&"я".repeat(61), "", ""), ("last_name", "too_long"));
        assert_eq!(err("", "robot", ""), ("gender", "unknown"));
        assert_eq!(err("", "", "2026-11-23"), ("birth_date", "future"));
        assert_eq!(err("", "", "2023-02-29"), ("birth_date", "not_a_date"));
        assert_eq!(err("", "", "22.11.1990"), ("birth_date", "not_a_date"));
        assert_eq!(err("", "", "1899-12-31"), ("birth_date", "too_old"));
        assert!(Profile::parse("", "", "", "", "2024-02-29", false, "2026-11-22").is_ok());
        assert!(
            Profile::parse("", "", "", "", "2026-11-22", false, "2026-11-22").is_ok(),
            "born today"
        );
    }

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
}
