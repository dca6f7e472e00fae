//! Rynok ID types: phone numbers, one-time codes.

use serde::{Deserialize, Serialize};
use std::fmt;

mod profile;
mod views;

pub use crate::shared::email::*;
pub use crate::shared::phone::*;
pub use profile::*;
pub use views::*;

/// A one-time code as typed: exactly six digits (spaces and dashes ignored).
#[derive(Clone, PartialEq, Eq)]
pub struct OtpCode(String);

impl OtpCode {
    pub fn parse(input: &str) -> Option<OtpCode> {
        let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(OtpCode(digits))
    }

    /// The code field of a form: six digits, else the page's "six digits" message.
    pub fn from_field(input: &str) -> Result<OtpCode, crate::shared::error::AppError> {
        OtpCode::parse(input)
            .ok_or_else(|| crate::shared::error::AppError::invalid("code", "six_digits"))
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

/// How a sign-in code travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    Call,
    Sms,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Call => "call",
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        match s {
            "call" => Some(Channel::Call),
            "sms" => Some(Channel::Sms),
            "email" => Some(Channel::Email),
            _ => None,
        }
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
