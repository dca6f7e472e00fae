//! The Rynok Card application (a bank card issued with a partner bank): its form's
//! rules and its statuses. Passport, INN and SNILS are parsed here and encrypted
//! before they are stored; the code word is only ever hashed.

use crate::shared::error::{AppError, Field, Problem};
use serde::{Deserialize, Serialize};

/// A person's INN: 12 digits whose last two are check digits.
#[derive(Clone, PartialEq, Eq)]
pub struct Inn(String);

impl Inn {
    pub fn parse(raw: &str) -> Result<Inn, AppError> {
        let s = digits_of(raw, Field::Inn, 12)?;
        let d: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();
        let check = |w: &[u32]| w.iter().zip(&d).map(|(w, d)| w * d).sum::<u32>() % 11 % 10;
        let n11 = check(&[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
        let n12 = check(&[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
        if d[10] != n11 || d[11] != n12 {
            return Err(AppError::invalid(Field::Inn, Problem::ControlKey));
        }
        Ok(Inn(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A SNILS: 11 digits (often written 123-456-789 01) whose last two are a checksum
/// of the first nine.
#[derive(Clone, PartialEq, Eq)]
pub struct Snils(String);

impl Snils {
    pub fn parse(raw: &str) -> Result<Snils, AppError> {
        let s = digits_of(raw, Field::Snils, 11)?;
        let d: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();
        let sum: u32 = d[..9].iter().zip((1..=9).rev()).map(|(d, w)| d * w).sum();
        let check = match sum {
            0..=99 => sum,
            100 | 101 => 0,
            _ => match sum % 101 {
                100 => 0,
                r => r,
            },
        };
        if d[9] * 10 + d[10] != check {
            return Err(AppError::invalid(Field::Snils, Problem::ControlKey));
        }
        Ok(Snils(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Russian passport: a 4-digit series and a 6-digit number.
#[derive(Clone, PartialEq, Eq)]
pub struct Passport(String);

impl Passport {
    pub fn parse(series: &str, number: &str) -> Result<Passport, AppError> {
        let s = digits_of(series, Field::PassportSeries, 4)?;
        let n = digits_of(number, Field::PassportNumber, 6)?;
        Ok(Passport(format!("{s}{n}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A passport's issuer code: NNN-NNN.
pub fn issuer_code(raw: &str) -> Result<String, AppError> {
    let s = digits_of(raw, Field::IssuerCode, 6)?;
    Ok(format!("{}-{}", &s[..3], &s[3..]))
}

/// Only digits (spaces and dashes dropped), exactly `len` of them.
fn digits_of(raw: &str, field: Field, len: usize) -> Result<String, AppError> {
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if s.is_empty() {
        return Err(AppError::invalid(field, Problem::Empty));
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::invalid(field, Problem::Digits));
    }
    if s.len() != len {
        return Err(AppError::invalid(field, Problem::WrongLength));
    }
    Ok(s)
}

/// Whole years between two dates written YYYY-MM-DD.
pub fn years_between(from: &str, to: &str) -> i64 {
    let y = |s: &str| s.get(0..4).and_then(|y| y.parse::<i64>().ok()).unwrap_or(0);
    let md = |s: &str| s.get(5..10).map(str::to_string).unwrap_or_default();
    y(to) - y(from) - i64::from(md(to) < md(from))
}

/// The birth date (18 or older today) and the passport's issue date (not before the
/// 14th birthday, not in the future), both YYYY-MM-DD.
pub fn check_dates(birth: &str, issued: &str, today: &str) -> Result<(), AppError> {
    let date = |s: &str, f: Field| {
        if crate::shared::time::valid_date(s) {
            Ok(())
        } else {
            Err(AppError::invalid(f, Problem::NotADate))
        }
    };
    date(birth, Field::BirthDate)?;
    date(issued, Field::IssueDate)?;
    if birth > today {
        return Err(AppError::invalid(Field::BirthDate, Problem::Future));
    }
    if years_between(birth, today) < 18 {
        return Err(AppError::invalid(Field::BirthDate, Problem::TooYoung));
    }
    if issued > today {
        return Err(AppError::invalid(Field::IssueDate, Problem::Future));
    }
    if years_between(birth, issued) < 14 {
        return Err(AppError::invalid(Field::IssueDate, Problem::TooOld));
    }
    Ok(())
}

/// A code word for support calls: 4 to 32 letters or digits (spaces inside allowed).
pub fn code_word(raw: &str) -> Result<String, AppError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(AppError::invalid(Field::CodeWord, Problem::Empty));
    }
    if !s.chars().all(|c| c.is_alphanumeric() || c == ' ') {
        return Err(AppError::invalid(Field::CodeWord, Problem::BadCharacters));
    }
    let n = s.chars().count();
    if !(4..=32).contains(&n) {
        return Err(AppError::invalid(Field::CodeWord, Problem::Length));
    }
    Ok(s.to_lowercase())
}

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardStatus {
    /// Filled in; waiting for the code from the phone.
    AwaitingCode,
    Submitted,
    UnderReview,
    Approved,
    Declined,
    /// Issued and activated: the card's last four digits are known.
    Active,
    Closed,
}

impl CardStatus {
    pub const ALL: [CardStatus; 7] = [
        CardStatus::AwaitingCode,
        CardStatus::Submitted,
        CardStatus::UnderReview,
        CardStatus::Approved,
        CardStatus::Declined,
        CardStatus::Active,
        CardStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CardStatus::AwaitingCode => "awaiting_code",
            CardStatus::Submitted => "submitted",
            CardStatus::UnderReview => "under_review",
            CardStatus::Approved => "approved",
            CardStatus::Declined => "declined",
            CardStatus::Active => "active",
            CardStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<CardStatus> {
        CardStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether it holds up deleting the account (an application or a card alive).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            CardStatus::Submitted
                | CardStatus::UnderReview
                | CardStatus::Approved
                | CardStatus::Active
        )
    }
}

/// An application as its page shows it: the secrets masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardView {
    pub id: i64,
    pub status: CardStatus,
    pub name: String,
    /// "45 •• ••••67"
    pub passport: String,
    /// "INN ••••••••••12" or "SNILS •••-•••-••• 01"
    pub document: String,
    pub last4: Option<String>,
    pub timeline: Vec<(CardStatus, i64)>,
}

/// "45 •• ••••67": the passport as the page shows it.
pub fn mask_passport(p: &str) -> String {
    if p.len() != 10 {
        return "••••".into();
    }
    format!("{} •• ••••{}", &p[..2], &p[8..])
}

/// The last two digits of an INN or SNILS, the rest hidden.
pub fn mask_tail(s: &str) -> String {
    let n = s.chars().count();
    format!(
        "{}{}",
        "•".repeat(n.saturating_sub(2)),
        &s[s.len().saturating_sub(2)..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(r: Result<impl Sized, AppError>) -> Option<Problem> {
        match r {
            Err(AppError::Invalid { message, .. }) => Some(message),
            _ => None,
        }
    }

    #[test]
    fn an_inn_has_both_check_digits_right() {
        // A valid personal INN (check digits computed by the FNS algorithm).
        assert!(Inn::parse("500100732259").is_ok());
        assert_eq!(
            problem(Inn::parse("500100732258")),
            Some(Problem::ControlKey)
        );
        assert_eq!(
            problem(Inn::parse("5001007322")),
            Some(Problem::WrongLength)
        );
        assert_eq!(problem(Inn::parse("50010073225x")), Some(Problem::Digits));
    }

    #[test]
    fn a_snils_checksum_is_checked() {
        assert!(Snils::parse("112-233-445 95").is_ok());
        assert_eq!(
            problem(Snils::parse("112-233-445 96")),
            Some(Problem::ControlKey)
        );
        assert_eq!(
            problem(Snils::parse("112-233-445")),
            Some(Problem::WrongLength)
        );
    }

    #[test]
    fn passports_issuers_and_dates() {
        assert!(Passport::parse("45 06", "123456").is_ok());
        assert_eq!(
            problem(Passport::parse("450", "123456")),
            Some(Problem::WrongLength)
        );
        assert_eq!(issuer_code("770 001").ok().as_deref(), Some("770-001"));
        assert_eq!(problem(issuer_code("77-01")), Some(Problem::WrongLength));
        let today = "2026-11-23";
        assert!(check_dates("1990-05-01", "2010-06-01", today).is_ok());
        assert_eq!(
            problem(check_dates("2010-01-01", "2024-02-01", today)),
            Some(Problem::TooYoung)
        );
        assert_eq!(
            problem(check_dates("1990-05-01", "2003-06-01", today)),
            Some(Problem::TooOld)
        );
        assert_eq!(
            problem(check_dates("1990-05-01", "2027-01-01", today)),
            Some(Problem::Future)
        );
        assert_eq!(years_between("2008-11-24", "2026-11-23"), 17);
        assert_eq!(years_between("2008-11-23", "2026-11-23"), 18);
    }

    #[test]
    fn secrets_are_shown_masked() {
        assert_eq!(mask_passport("4506123456"), "45 •• ••••56");
        assert_eq!(mask_tail("500100732259"), "••••••••••59");
        assert_eq!(code_word("  Ромашка 7 ").ok().as_deref(), Some("ромашка 7"));
        assert_eq!(problem(code_word("да")), Some(Problem::Length));
    }
}
