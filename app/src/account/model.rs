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

impl Phone {
    /// A number read back from our own storage, already in E.164 form.
    pub fn from_stored(s: String) -> Phone {
        Phone(s)
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

/// What a confirmed code did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeStep {
    /// A code went to the next place (masked).
    CodeSent {
        to: String,
    },
    EmailVerified,
    PhoneChanged,
    /// The new number is proven; it takes effect at this moment unless cancelled.
    PhoneWaiting {
        due_at: i64,
    },
    Deleted,
}

/// Where a sign-in stands, for the page to show the right step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInStep {
    /// Nothing under way: ask for a phone number (or an email).
    Start,
    /// A code was sent. `to` is masked; `resend_in` counts the seconds until another
    /// code may be asked for.
    Code {
        to: String,
        channel: Channel,
        resend_in: i64,
    },
    /// The number is proven and has no account yet: accept the terms to create one.
    Terms { to: String },
    /// Signed in.
    Done,
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

/// One session in the "Security" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub id: i64,
    pub browser: String,
    pub ip: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub current: bool,
}

/// One passkey in the "Security" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyInfo {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// One line of the sign-in history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventInfo {
    pub kind: String,
    pub detail: String,
    pub ip: String,
    pub browser: String,
    pub at: i64,
}

/// One message of the Security feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityMessage {
    pub id: i64,
    pub body: String,
    pub at: i64,
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
