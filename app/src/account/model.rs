//! Rynok ID types: phone numbers, one-time codes.

use serde::{Deserialize, Serialize};
use std::fmt;

mod phone;
mod profile;
mod views;

pub use phone::*;
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
    pub fn from_field(input: &str) -> Result<OtpCode, crate::error::AppError> {
        OtpCode::parse(input).ok_or_else(|| crate::error::AppError::invalid("code", "six_digits"))
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

/// An email address, trimmed and lower-cased so that one mailbox is one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmailError {
    Empty,
    TooLong,
    /// Not of the form name@domain.tld.
    Malformed,
}

impl Email {
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.len() > 254 {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = s.split_once('@').ok_or(EmailError::Malformed)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| {
                tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
            });
        if !local_ok || !domain_ok {
            return Err(EmailError::Malformed);
        }
        Ok(Email(s))
    }

    pub fn from_stored(s: String) -> Email {
        Email(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "iv***@mail.ru"
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.split_once('@').unwrap_or((&self.0, ""));
        let shown: String = local.chars().take(2).collect();
        format!("{shown}***@{domain}")
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
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

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse(" Ivan.Petrov@Mail.RU ").unwrap().as_str(),
            "ivan.petrov@mail.ru"
        );
        assert_eq!(
            Email::parse("ivan@почта.рф").unwrap().as_str(),
            "ivan@почта.рф"
        );
        assert_eq!(
            Email::parse("ivan@mail.ru").unwrap().masked(),
            "iv***@mail.ru"
        );
        assert_eq!(Email::parse(""), Err(EmailError::Empty));
        for bad in [
            "ivan",
            "ivan@",
            "@mail.ru",
            "ivan@mail",
            "iv an@mail.ru",
            "ivan@@mail.ru",
            "ivan@mail.r1",
            "<script>@x.ru",
            "a..b@mail.ru",
            "ivan@-mail.ru",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Malformed), "{bad}");
        }
        assert_eq!(
            Email::parse(&format!("{}@mail.ru", "a".repeat(300))),
            Err(EmailError::TooLong)
        );
    }

    proptest! {
        #[test]
        fn email_parse_never_panics(s in ".{0,80}") {
            if let Ok(e) = Email::parse(&s) {
                prop_assert!(e.as_str().contains('@'));
                prop_assert_eq!(Email::parse(e.as_str()), Ok(e.clone()));
            }
        }

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
