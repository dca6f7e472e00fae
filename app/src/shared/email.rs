//! Email addresses: trimmed and lower-cased, so that one mailbox is one account.

use serde::{Deserialize, Serialize};
use std::fmt;

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

impl EmailError {
    /// The reason as a form error names it.
    pub fn problem(self) -> crate::shared::error::Problem {
        use crate::shared::error::Problem;
        match self {
            EmailError::Empty => Problem::Empty,
            EmailError::TooLong => Problem::TooLong,
            EmailError::Malformed => Problem::Malformed,
        }
    }
}

impl Email {
    /// An email field of a form: the address, else an `Invalid` error on `field`
    /// whose message names the reason (`EmailError::code`).
    pub fn from_field(
        input: &str,
        field: crate::shared::error::Field,
    ) -> Result<Email, crate::shared::error::AppError> {
        Email::parse(input).map_err(|e| crate::shared::error::AppError::invalid(field, e.problem()))
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
    }
}
