//! Rynok ID types: phone numbers, one-time codes.

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
}

impl Phone {
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
            (true, 8..=15) => {
                // Another country: E.164 allows at most 15 digits, and none starts with 0.
                if digits.starts_with('0') {
                    return Err(PhoneError::WrongLength);
                }
                return Ok(Phone(format!("+{digits}")));
            }
            (true, _) => return Err(PhoneError::WrongLength),
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

/// A one-time code as typed: exactly six digits (spaces and dashes ignored).
#[derive(Clone, PartialEq, Eq)]
pub struct OtpCode(String);

impl OtpCode {
    pub fn parse(input: &str) -> Option<OtpCode> {
        let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(OtpCode(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

// A code is a secret: it is never printed in logs by accident.
impl fmt::Debug for OtpCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OtpCode(******)")
    }
}

#[cfg(test)]
mod tests {
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
    fn codes_are_six_digits() {
        assert!(OtpCode::parse("123456").is_some());
        assert!(OtpCode::parse("123 456").is_some());
        for bad in ["12345", "1234567", "12345a", "", "１２３４５６"] {
            assert!(OtpCode::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(
            format!("{:?}", OtpCode::parse("123456").unwrap()),
            "OtpCode(******)"
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
