//! Phone numbers: parsed from what people type into E.164, one form per number.
//!
//! Why a table and not libphonenumber (the `phonenumber` crate): this parser also
//! runs in the browser (the field's mask and its messages), where libphonenumber's
//! metadata and its regex engine would cost several hundred kilobytes of WASM, and
//! codes go only to the few countries a shop allows (APP_CODE_COUNTRIES). For each
//! country the table knows its calling code, its trunk prefix (the "0" of "030" in
//! Berlin, dropped in international form) and the length of its national numbers,
//! so "+49 030 1234567" and "+49 30 1234567" are one number. A country code not in
//! the table is refused with its own message rather than stored in a second form.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A phone number in E.164 form (`+79123456789`). Russian numbers are accepted the
/// way people type them: "8 912 345-67-89", "+7 (912) 345 67 89", "9123456789".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Phone(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhoneError {
    Empty,
    /// Letters or other characters that have no place in a number.
    BadCharacters,
    /// Too few or too many digits for the country.
    WrongLength,
    /// A Russian number must start with 9 (mobile) or a valid area code.
    NotMobile,
    /// A country code the shop does not know.
    UnknownCountry,
}

impl PhoneError {
    /// The reason as a form error names it.
    pub fn problem(self) -> crate::shared::error::Problem {
        use crate::shared::error::Problem;
        match self {
            PhoneError::Empty => Problem::Empty,
            PhoneError::BadCharacters => Problem::BadCharacters,
            PhoneError::WrongLength => Problem::WrongLength,
            PhoneError::NotMobile => Problem::NotMobile,
            PhoneError::UnknownCountry => Problem::UnknownCountry,
        }
    }
}

impl Phone {
    /// A phone field of a form: the number, else an `Invalid` error on `field`
    /// whose message names the reason (`PhoneError::code`).
    pub fn from_field(
        input: &str,
        field: crate::shared::error::Field,
    ) -> Result<Phone, crate::shared::error::AppError> {
        Phone::parse(input).map_err(|e| crate::shared::error::AppError::invalid(field, e.problem()))
    }

    pub fn parse(input: &str) -> Result<Phone, PhoneError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(PhoneError::Empty);
        }
        if s.len() > 32
            || !s
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().\u{A0}".contains(c))
        {
            return Err(PhoneError::BadCharacters);
        }
        if s.chars().skip(1).any(|c| c == '+') {
            return Err(PhoneError::BadCharacters);
        }
        let plus = s.starts_with('+');
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        let national = match (plus, digits.len()) {
            (true, _) if digits.starts_with('7') => digits[1..].to_string(),
            (true, _) => return foreign(&digits),
            (false, 11) if digits.starts_with('8') || digits.starts_with('7') => {
                digits[1..].to_string()
            }
            (false, 10) => digits,
            (false, _) => return Err(PhoneError::WrongLength),
        };
        if national.len() != 10 {
            return Err(PhoneError::WrongLength);
        }
        if !national.starts_with('9') {
            return Err(PhoneError::NotMobile);
        }
        Ok(Phone(format!("+7{national}")))
    }

    /// The country the number belongs to (ISO 3166 code: "RU", "BY", ...).
    pub fn country(&self) -> &'static str {
        let digits = &self.0[1..];
        if digits.starts_with('7') {
            return "RU";
        }
        country_of(digits).map(|c| c.iso).unwrap_or("")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first digits, shared by many numbers, for send limits per prefix:
    /// "+7912345" for Russian numbers.
    pub fn prefix(&self) -> &str {
        &self.0[..self.0.len().min(8)]
    }

    /// "+7 912 345-67-89" for Russian numbers; others as stored.
    pub fn display(&self) -> String {
        let d = &self.0;
        if d.starts_with("+7") && d.len() == 12 {
            format!("+7 {} {}-{}-{}", &d[2..5], &d[5..8], &d[8..10], &d[10..12])
        } else {
            d.clone()
        }
    }

    /// "+7 912 ***-**-89": enough to recognise one's own number, no more.
    pub fn masked(&self) -> String {
        let d = &self.0;
        if d.starts_with("+7") && d.len() == 12 {
            format!("+7 {} ***-**-{}", &d[2..5], &d[10..12])
        } else {
            format!(
                "{}…{}",
                &d[..3.min(d.len())],
                &d[d.len().saturating_sub(2)..]
            )
        }
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// The +7 mask of the phone field: what a person typed, shown as "+7 912 345-67-89"
/// while they type. Numbers of other countries (a "+" not followed by 7) stay as typed.
pub fn phone_mask(raw: &str) -> String {
    let t = raw.trim_start();
    if t.starts_with('+') && !t.starts_with("+7") && t.len() > 1 {
        return raw.to_string();
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return if t.starts_with('+') {
            "+".into()
        } else {
            String::new()
        };
    }
    let national: String = match digits.chars().next() {
        Some('7' | '8') => digits.chars().skip(1).take(10).collect(),
        _ => digits.chars().take(10).collect(),
    };
    let mut out = String::from("+7");
    for (i, c) in national.chars().enumerate() {
        match i {
            0 | 3 => out.push(' '),
            6 | 8 => out.push('-'),
            _ => {}
        }
        out.push(c);
    }
    out
}

impl Phone {
    /// A number read back from our own storage, already in E.164 form.
    pub fn from_stored(s: String) -> Phone {
        Phone(s)
    }
}

/// One country of the table: calling code, ISO code, trunk prefix (dropped when
/// typed after the calling code) and the lengths of its national numbers.
struct Country {
    code: &'static str,
    iso: &'static str,
    trunk: Option<char>,
    min: usize,
    max: usize,
}

const fn c(
    code: &'static str,
    iso: &'static str,
    trunk: Option<char>,
    min: usize,
    max: usize,
) -> Country {
    Country {
        code,
        iso,
        trunk,
        min,
        max,
    }
}

/// Russia (+7) is parsed on its own above. Sorted by nothing in particular:
/// calling codes are prefix-free, so at most one entry matches.
const COUNTRIES: &[Country] = &[
    c("375", "BY", None, 9, 9),
    c("380", "UA", Some('0'), 9, 9),
    c("998", "UZ", Some('8'), 9, 9),
    c("996", "KG", Some('0'), 9, 9),
    c("992", "TJ", Some('8'), 9, 9),
    c("993", "TM", Some('8'), 8, 8),
    c("994", "AZ", Some('0'), 9, 9),
    c("995", "GE", Some('0'), 9, 9),
    c("374", "AM", Some('0'), 8, 8),
    c("373", "MD", Some('0'), 8, 8),
    c("370", "LT", Some('8'), 8, 8),
    c("371", "LV", None, 8, 8),
    c("372", "EE", None, 7, 8),
    c("358", "FI", Some('0'), 5, 12),
    c("420", "CZ", None, 9, 9),
    c("48", "PL", None, 9, 9),
    c("49", "DE", Some('0'), 6, 13),
    c("44", "GB", Some('0'), 9, 10),
    c("33", "FR", Some('0'), 9, 9),
    c("39", "IT", None, 6, 11),
    c("34", "ES", None, 9, 9),
    c("90", "TR", Some('0'), 10, 10),
    c("971", "AE", Some('0'), 8, 9),
    c("972", "IL", Some('0'), 8, 9),
    c("86", "CN", Some('0'), 10, 11),
    c("91", "IN", Some('0'), 10, 10),
    c("1", "US", Some('1'), 10, 10),
];

fn country_of(digits: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| digits.starts_with(c.code))
}

/// A number of another country, from its digits after the "+".
fn foreign(digits: &str) -> Result<Phone, PhoneError> {
    let country = country_of(digits).ok_or(if digits.len() < 8 || digits.len() > 15 {
        PhoneError::WrongLength
    } else {
        PhoneError::UnknownCountry
    })?;
    let mut national = &digits[country.code.len()..];
    if let Some(t) = country.trunk
        && national.len() > country.min
        && national.starts_with(t)
    {
        national = &national[1..];
    }
    if national.len() < country.min || national.len() > country.max {
        return Err(PhoneError::WrongLength);
    }
    Ok(Phone(format!("+{}{national}", country.code)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(s: &str) -> Result<String, PhoneError> {
        Phone::parse(s).map(|p| p.as_str().to_string())
    }

    #[test]
    fn a_trunk_zero_typed_after_the_country_code_is_one_number() {
        assert_eq!(e164("+49 030 1234567"), e164("+49 30 1234567"));
        assert_eq!(e164("+49 030 1234567"), Ok("+49301234567".into()));
        assert_eq!(e164("+44 07911 123456"), Ok("+447911123456".into()));
        assert_eq!(e164("+380 050 123 4567"), Ok("+380501234567".into()));
        // Italy keeps its 0 in international form.
        assert_eq!(e164("+39 06 1234 5678"), Ok("+390612345678".into()));
    }

    #[test]
    fn numbers_know_their_country() {
        assert_eq!(Phone::parse("+375 29 123-45-67").unwrap().country(), "BY");
        assert_eq!(Phone::parse("8 912 345-67-89").unwrap().country(), "RU");
        assert_eq!(Phone::parse("+1 212 555 0100").unwrap().country(), "US");
    }

    #[test]
    fn unknown_countries_and_wrong_lengths_are_refused() {
        assert_eq!(e164("+999 1234 5678"), Err(PhoneError::UnknownCountry));
        assert_eq!(e164("+375 29 123-45"), Err(PhoneError::WrongLength));
        assert_eq!(e164("+49 1"), Err(PhoneError::WrongLength));
    }
}

#[cfg(test)]
mod typing_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn russian_numbers_as_people_type_them() {
        for input in [
            "8 912 345-67-89",
            "+7 (912) 345 67 89",
            "9123456789",
            "79123456789",
            " +79123456789 ",
            "8(912)345.67.89",
        ] {
            assert_eq!(
                Phone::parse(input).map(|p| p.as_str().to_string()),
                Ok("+79123456789".into()),
                "{input}"
            );
        }
        assert_eq!(
            Phone::parse("+79123456789").unwrap().display(),
            "+7 912 345-67-89"
        );
        assert_eq!(
            Phone::parse("+79123456789").unwrap().masked(),
            "+7 912 ***-**-89"
        );
    }

    #[test]
    fn other_countries_are_accepted() {
        assert_eq!(
            Phone::parse("+375 29 123-45-67").map(|p| p.as_str().to_string()),
            Ok("+375291234567".into())
        );
        assert_eq!(
            Phone::parse("+49 30 1234567").map(|p| p.as_str().to_string()),
            Ok("+49301234567".into())
        );
    }

    #[test]
    fn wrong_numbers_get_a_reason() {
        assert_eq!(Phone::parse(""), Err(PhoneError::Empty));
        assert_eq!(Phone::parse("abc"), Err(PhoneError::BadCharacters));
        assert_eq!(Phone::parse("+7 912 345"), Err(PhoneError::WrongLength));
        assert_eq!(Phone::parse("12345"), Err(PhoneError::WrongLength));
        assert_eq!(Phone::parse("8 495 123-45-67"), Err(PhoneError::NotMobile));
        assert_eq!(
            Phone::parse("+1234567890123456"),
            Err(PhoneError::WrongLength)
        );
        assert_eq!(
            Phone::parse("++79123456789"),
            Err(PhoneError::BadCharacters)
        );
        assert_eq!(Phone::parse("<script>"), Err(PhoneError::BadCharacters));
    }

    #[test]
    fn the_phone_mask_follows_the_typing() {
        assert_eq!(phone_mask("8"), "+7");
        assert_eq!(phone_mask("89"), "+7 9");
        assert_eq!(phone_mask("8912345"), "+7 912 345");
        assert_eq!(phone_mask("89123456789"), "+7 912 345-67-89");
        assert_eq!(phone_mask("9123456789"), "+7 912 345-67-89");
        assert_eq!(phone_mask("+7 (912) 345 67 89 00"), "+7 912 345-67-89");
        assert_eq!(phone_mask("+375 29 123"), "+375 29 123");
        assert_eq!(phone_mask(""), "");
        assert_eq!(
            Phone::parse(&phone_mask("8 912 345 67 89"))
                .unwrap()
                .as_str(),
            "+79123456789"
        );
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_output_is_e164(s in ".{0,40}") {
            if let Ok(p) = Phone::parse(&s) {
                prop_assert!(p.as_str().starts_with('+'));
                prop_assert!(p.as_str()[1..].bytes().all(|b| b.is_ascii_digit()));
                prop_assert!(p.as_str().len() <= 16);
            }
        }
    }
}
