//! Gift certificates' codes and rules. A code is 15 random characters from an
//! alphabet without look-alikes (no 0/O, 1/I) and one check character, shown as
//! four groups of four: `K7QM-4XHT-9PWB-2RDZ`. Only its hash is stored.

use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// 32 characters, so that five random bits pick one: digits 2–9 and the Latin
/// capitals without I and O.
pub const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Characters in a code, the check character included.
pub const CODE_LEN: usize = 16;
/// A certificate can be activated for a year (365 days) after it is issued.
pub const VALID_MS: i64 = 365 * 86_400_000;
/// Activations one account may make in a Moscow calendar day.
pub const ACTIVATIONS_PER_DAY: i64 = 3;
/// Wrong codes one account may enter in an hour; then it waits for the hour.
pub const FAILURES_PER_ACCOUNT_HOUR: i64 = 5;
/// Wrong codes one account may enter in a day.
pub const FAILURES_PER_ACCOUNT_DAY: i64 = 10;
/// Wrong codes from one client address (an IPv4 address or IPv6 /64) in an hour.
pub const FAILURES_PER_CLIENT_HOUR: i64 = 20;
/// The face values staff may issue: 100 ₽ to 50 000 ₽, whole roubles.
pub const MIN_AMOUNT: Money = Money::from_roubles(100);
pub const MAX_AMOUNT: Money = Money::from_roubles(50_000);
/// Certificates one command may issue.
pub const MAX_BATCH: u32 = 10_000;

/// A well-formed certificate code: 16 characters of [`ALPHABET`] whose last is the
/// check character of the first fifteen. Not `Serialize`: it is a bearer secret.
#[derive(Clone, PartialEq, Eq)]
pub struct CertificateCode(String);

impl std::fmt::Debug for CertificateCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CertificateCode(…{})", self.last4())
    }
}

/// Why a typed code is not a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblem {
    Empty,
    /// A character that no code has (after reading 0 as O is not possible: neither is used).
    BadCharacters,
    WrongLength,
    /// Well formed, but the check character disagrees: a typo.
    Typo,
}

impl CertificateCode {
    /// Reads a code as a person types it: any case, with spaces or dashes anywhere.
    pub fn parse(input: &str) -> Result<Self, CodeProblem> {
        let mut s = String::with_capacity(CODE_LEN);
        for c in input.chars() {
            if c == '-' || c == ' ' || c == '\u{a0}' || c == '\t' {
                continue;
            }
            let c = c.to_ascii_uppercase();
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return Err(CodeProblem::BadCharacters);
            }
            if s.len() == CODE_LEN {
                return Err(CodeProblem::WrongLength);
            }
            s.push(c);
        }
        match s.len() {
            0 => Err(CodeProblem::Empty),
            CODE_LEN => {
                let (body, check) = s.split_at(CODE_LEN - 1);
                if check_char(body) == check.as_bytes()[0] {
                    Ok(CertificateCode(s))
                } else {
                    Err(CodeProblem::Typo)
                }
            }
            _ => Err(CodeProblem::WrongLength),
        }
    }

    /// A new code: fifteen characters from the operating system's CSPRNG (75 bits)
    /// and the check character.
    #[cfg(feature = "ssr")]
    pub fn generate() -> Self {
        use rand::TryRngCore;
        let mut bytes = [0u8; CODE_LEN - 1];
        let mut rng = rand::rngs::OsRng;
        while rng.try_fill_bytes(&mut bytes).is_err() {}
        let mut s: String = bytes
            .iter()
            .map(|b| ALPHABET[usize::from(b & 31)] as char)
            .collect();
        let check = check_char(&s);
        s.push(check as char);
        CertificateCode(s)
    }

    /// The bare 16 characters, as hashed and stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As printed on a certificate: `K7QM-4XHT-9PWB-2RDZ`.
    pub fn grouped(&self) -> String {
        let b = self.0.as_bytes();
        b.chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }

    /// The last four characters, kept in the clear so a shopper recognises a
    /// certificate in the history.
    pub fn last4(&self) -> &str {
        &self.0[CODE_LEN - 4..]
    }
}

/// The check character of `body` (characters of [`ALPHABET`]) by the Luhn mod N
/// algorithm with N = 32: it catches every single wrong character and every swap of
/// two neighbours but one: "2Z" for "Z2" (the first and last characters of the
/// alphabet, Luhn's own blind spot, as "09" for "90" in decimal).
fn check_char(body: &str) -> u8 {
    let n = ALPHABET.len();
    let mut factor = 2;
    let mut sum = 0;
    for c in body.bytes().rev() {
        let code = ALPHABET.iter().position(|&a| a == c).unwrap_or(0);
        let addend = factor * code;
        sum += addend / n + addend % n;
        factor = if factor == 2 { 1 } else { 2 };
    }
    ALPHABET[(n - sum % n) % n]
}

/// A face value staff may issue.
pub fn check_amount(amount: Money) -> Result<Money, &'static str> {
    if amount.kopecks() % 100 != 0 {
        return Err("a certificate's value is whole roubles");
    }
    if amount < MIN_AMOUNT || amount > MAX_AMOUNT {
        return Err("a certificate is worth 100 to 50 000 roubles");
    }
    Ok(amount)
}

/// A certificate as its holder sees it in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activated {
    pub amount: Money,
    pub last4: String,
}

/// The start (Unix ms) of the Moscow calendar day that holds `now`.
pub fn moscow_day_start(now: i64) -> i64 {
    const MSK: i64 = 3 * 3_600_000;
    (now + MSK).div_euclid(86_400_000) * 86_400_000 - MSK
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_parse_and_differ() {
        let codes: std::collections::HashSet<String> = (0..500)
            .map(|_| {
                let c = CertificateCode::generate();
                assert_eq!(CertificateCode::parse(c.as_str()).as_ref(), Ok(&c));
                assert_eq!(CertificateCode::parse(&c.grouped()).as_ref(), Ok(&c));
                c.as_str().to_string()
            })
            .collect();
        assert_eq!(codes.len(), 500);
    }

    #[test]
    fn a_code_is_read_as_people_type_it() {
        let c = CertificateCode::generate();
        let typed = c.grouped().to_lowercase().replace('-', " ");
        assert_eq!(CertificateCode::parse(&typed), Ok(c.clone()));
        assert_eq!(c.grouped().len(), 19);
        assert_eq!(c.last4(), &c.as_str()[12..]);
        assert!(!format!("{c:?}").contains(&c.as_str()[..12]));
    }

    #[test]
    fn every_single_typo_and_neighbour_swap_but_luhns_blind_spot_is_caught() {
        // Many codes, so that every character meets every neighbour.
        for _ in 0..200 {
            let c = CertificateCode::generate();
            let s = c.as_str().as_bytes().to_vec();
            for i in 0..CODE_LEN {
                for &a in ALPHABET.iter().filter(|&&a| a != s[i]) {
                    let mut t = s.clone();
                    t[i] = a;
                    let t = String::from_utf8(t).unwrap_or_default();
                    assert_eq!(CertificateCode::parse(&t), Err(CodeProblem::Typo), "{t}");
                }
            }
            for i in 0..CODE_LEN - 1 {
                let mut t = s.clone();
                t.swap(i, i + 1);
                let t = String::from_utf8(t).unwrap_or_default();
                // Luhn's blind spot, which the check character's comment names.
                let blind = [s[i], s[i + 1]] == *b"2Z" || [s[i], s[i + 1]] == *b"Z2";
                let want = if s[i] == s[i + 1] || blind {
                    Ok(c.clone())
                } else {
                    Err(CodeProblem::Typo)
                };
                assert_eq!(CertificateCode::parse(&t).map(|_| c.clone()), want, "{t}");
            }
        }
    }

    #[test]
    fn malformed_codes_say_why() {
        assert_eq!(CertificateCode::parse("  "), Err(CodeProblem::Empty));
        assert_eq!(
            CertificateCode::parse("ABCD-EFGH"),
            Err(CodeProblem::WrongLength)
        );
        assert_eq!(
            CertificateCode::parse(&"A".repeat(17)),
            Err(CodeProblem::WrongLength)
        );
        // 0, O, 1 and I are not in the alphabet, nor is Cyrillic.
        for bad in ["0BCD", "OBCD", "1BCD", "IBCD", "АВСD"] {
            assert_eq!(CertificateCode::parse(bad), Err(CodeProblem::BadCharacters));
        }
    }

    #[test]
    fn face_values_are_whole_roubles_in_range() {
        assert!(check_amount(Money::from_roubles(1000)).is_ok());
        assert!(check_amount(Money::from_roubles(99)).is_err());
        assert!(check_amount(Money::from_roubles(50_001)).is_err());
        assert!(check_amount(Money::from_kopecks(100_050)).is_err());
    }

    #[test]
    fn the_day_is_moscow_s() {
        // 2026-11-22 21:00 UTC is midnight of the 23rd in Moscow.
        let midnight = 1_795_381_200_000;
        assert_eq!(moscow_day_start(midnight), midnight);
        assert_eq!(moscow_day_start(midnight + 86_399_999), midnight);
        assert_eq!(moscow_day_start(midnight - 1), midnight - 86_400_000);
    }
}
