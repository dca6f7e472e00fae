//! "My data": the profile form's fields and the calendar they are checked against.

use crate::shared::error::{Field, Problem};
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
    /// Email a message left unread for 15 minutes (on unless turned off).
    pub chat_emails: bool,
}

/// Why a profile field was refused: (field, reason).
pub type FieldError = (Field, Problem);

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
        fn name(field: Field, raw: &str) -> Result<String, FieldError> {
            let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            if s.chars().count() > 60 {
                return Err((field, Problem::TooLong));
            }
            if !s
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.'))
            {
                return Err((field, Problem::Letters));
            }
            Ok(s)
        }
        let gender = match gender.trim() {
            "" => "",
            "male" => "male",
            "female" => "female",
            _ => return Err((Field::Gender, Problem::Unknown)),
        };
        let birth_date = birth_date.trim();
        if !birth_date.is_empty() {
            if !valid_date(birth_date) {
                return Err((Field::BirthDate, Problem::NotADate));
            }
            if birth_date > today {
                return Err((Field::BirthDate, Problem::Future));
            }
            if birth_date < "1900-01-01" {
                return Err((Field::BirthDate, Problem::TooOld));
            }
        }
        Ok(Profile {
            last_name: name(Field::LastName, last_name)?,
            first_name: name(Field::FirstName, first_name)?,
            middle_name: name(Field::MiddleName, middle_name)?,
            gender: gender.to_string(),
            birth_date: birth_date.to_string(),
            newsletter,
            chat_emails: true,
        })
    }
}

pub use crate::shared::time::valid_date;

/// The first-order discount an account holds until its first order uses it: so
/// many per cent off the goods, at most `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstOrderDiscount {
    pub percent: i64,
    pub max: crate::shared::money::Money,
}

impl FirstOrderDiscount {
    /// What it takes off `goods` (already less any promo code's discount), in
    /// whole kopecks rounded down.
    pub fn off(&self, goods: crate::shared::money::Money) -> crate::shared::money::Money {
        let off = goods.kopecks().max(0) * self.percent / 100;
        crate::shared::money::Money::from_kopecks(off.min(self.max.kopecks()))
    }
}

/// The account page's view of everything editable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub me: Me,
    pub profile: Profile,
    /// A change waiting for a code: (kind, where the code went, masked).
    pub pending_code: Option<(String, String)>,
    /// A phone change waiting out its 14 days: (new number, when it applies).
    pub waiting_phone: Option<(String, i64)>,
    /// First-order and other discounts: (percent, max amount in kopecks).
    pub discounts: Vec<(i64, i64)>,
}

/// The signed-in person as the header and the account pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub email: Option<String>,
    pub email_verified: bool,
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
        assert_eq!(err("<script>", "", ""), (Field::LastName, Problem::Letters));
        assert_eq!(
            err(&"я".repeat(61), "", ""),
            (Field::LastName, Problem::TooLong)
        );
        assert_eq!(err("", "robot", ""), (Field::Gender, Problem::Unknown));
        assert_eq!(
            err("", "", "2026-11-23"),
            (Field::BirthDate, Problem::Future)
        );
        assert_eq!(
            err("", "", "2023-02-29"),
            (Field::BirthDate, Problem::NotADate)
        );
        assert_eq!(
            err("", "", "22.11.1990"),
            (Field::BirthDate, Problem::NotADate)
        );
        assert_eq!(
            err("", "", "1899-12-31"),
            (Field::BirthDate, Problem::TooOld)
        );
        assert!(Profile::parse("", "", "", "", "2024-02-29", false, "2026-11-22").is_ok());
        assert!(
            Profile::parse("", "", "", "", "2026-11-22", false, "2026-11-22").is_ok(),
            "born today"
        );
    }
}

#[cfg(test)]
mod first_order_tests {
    use super::FirstOrderDiscount;
    use crate::shared::money::Money;

    #[test]
    fn ten_per_cent_of_the_goods_at_most_the_cap() {
        let d = FirstOrderDiscount {
            percent: 10,
            max: Money::from_kopecks(50_000),
        };
        assert_eq!(
            d.off(Money::from_kopecks(123_456)),
            Money::from_kopecks(12_345)
        );
        assert_eq!(
            d.off(Money::from_kopecks(500_000)),
            Money::from_kopecks(50_000)
        );
        assert_eq!(
            d.off(Money::from_kopecks(9_999_999)),
            Money::from_kopecks(50_000)
        );
        assert_eq!(d.off(Money::from_kopecks(9)), Money::ZERO);
        assert_eq!(d.off(Money::from_kopecks(-5)), Money::ZERO);
    }
}
