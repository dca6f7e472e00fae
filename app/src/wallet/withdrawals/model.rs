//! Withdrawals from Rynok Account to a bank account: the amount rule and the bank
//! details, as pure rules. The rest of the withdrawal (the code to the phone, the
//! pending ledger transfer, the payout provider) builds on these.

use crate::shared::error::{AppError, Field, Problem};
use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

mod status;

pub use status::*;

/// The least that can be withdrawn, unless the whole balance is smaller.
pub const MIN_WITHDRAWAL: Money = Money::from_roubles(100);

/// Whether `amount` may be withdrawn from `available`: at least 100 ₽, or exactly
/// the whole balance when it is below 100 ₽, and never more than the balance.
pub fn check_amount(amount: Money, available: Money) -> Result<(), AppError> {
    let refuse = |p| Err(AppError::invalid(Field::Amount, p));
    if amount.kopecks() <= 0 {
        return refuse(Problem::Empty);
    }
    if amount > available {
        return refuse(Problem::MoreThanBalance);
    }
    if available < MIN_WITHDRAWAL {
        return if amount == available {
            Ok(())
        } else {
            refuse(Problem::WholeBalanceOnly)
        };
    }
    if amount < MIN_WITHDRAWAL {
        return refuse(Problem::BelowMinimum);
    }
    Ok(())
}

/// A Russian bank's identification code (БИК): nine digits, starting with 04.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Bik(String);

impl Bik {
    pub fn parse(raw: &str) -> Result<Bik, AppError> {
        let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        let refuse = |p| Err(AppError::invalid(Field::Bik, p));
        if s.is_empty() {
            return refuse(Problem::Empty);
        }
        if !s.chars().all(|c| c.is_ascii_digit()) {
            return refuse(Problem::Digits);
        }
        if s.len() != 9 {
            return refuse(Problem::WrongLength);
        }
        if !s.starts_with("04") {
            return refuse(Problem::Malformed);
        }
        Ok(Bik(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's account at a bank: 20 digits, a personal account (40817, 40820 or a
/// deposit 423…), whose control key (the 9th digit) agrees with the bank's BIK.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccountNumber(String);

impl AccountNumber {
    pub fn parse(raw: &str, bik: &Bik) -> Result<AccountNumber, AppError> {
        let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        let refuse = |p| Err(AppError::invalid(Field::AccountNumber, p));
        if s.is_empty() {
            return refuse(Problem::Empty);
        }
        if !s.chars().all(|c| c.is_ascii_digit()) {
            return refuse(Problem::Digits);
        }
        if s.len() != 20 {
            return refuse(Problem::WrongLength);
        }
        if !(s.starts_with("40817") || s.starts_with("40820") || s.starts_with("423")) {
            return refuse(Problem::NotPersonalAccount);
        }
        if !control_key_agrees(bik, &s) {
            return refuse(Problem::ControlKey);
        }
        Ok(AccountNumber(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last four digits, which is all a page shows of saved details.
    pub fn masked(&self) -> String {
        mask_account(&self.0)
    }
}

/// "•••• 1234": an account number as pages, messages and notices show it.
pub fn mask_account(number: &str) -> String {
    format!("•••• {}", &number[number.len().saturating_sub(4)..])
}

/// The Bank of Russia's control key of an account at a credit organisation: the
/// last three digits of the BIK followed by the 20 digits of the account, each
/// multiplied by 7, 1, 3, 7, 1, 3, …; the sum must end in 0.
fn control_key_agrees(bik: &Bik, account: &str) -> bool {
    weighted_sum(&bik.0[6..], account).is_multiple_of(10)
}

/// The digits of `prefix` then `account`, weighted 7, 1, 3, 7, 1, 3, … and summed.
fn weighted_sum(prefix: &str, account: &str) -> u32 {
    prefix
        .bytes()
        .chain(account.bytes())
        .zip([7, 1, 3].into_iter().cycle())
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum()
}

/// The recipient as the bank knows them: two or three words of Cyrillic letters
/// (hyphens inside a word allowed), 100 characters at most.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RecipientName(String);

impl RecipientName {
    pub fn parse(raw: &str) -> Result<RecipientName, AppError> {
        let words: Vec<&str> = raw.split_whitespace().collect();
        let refuse = |p| Err(AppError::invalid(Field::FullName, p));
        if words.is_empty() {
            return refuse(Problem::Empty);
        }
        let cyrillic = |c: char| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё');
        let good_word = |w: &&str| {
            w.split('-')
                .all(|part| !part.is_empty() && part.chars().all(cyrillic))
        };
        if !words.iter().all(good_word) {
            return refuse(Problem::Letters);
        }
        let joined = words.join(" ");
        if !(2..=3).contains(&words.len()) || joined.chars().count() > 100 {
            return refuse(Problem::Length);
        }
        Ok(RecipientName(joined))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rub(r: i64) -> Money {
        Money::from_roubles(r)
    }

    fn problem(r: Result<impl std::fmt::Debug, AppError>) -> Problem {
        match r {
            Err(AppError::Invalid { message, .. }) => message,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn at_least_100_roubles_unless_the_whole_balance_is_smaller() {
        assert!(check_amount(rub(100), rub(1500)).is_ok());
        assert!(check_amount(rub(1500), rub(1500)).is_ok());
        assert_eq!(
            problem(check_amount(rub(50), rub(1500))),
            Problem::BelowMinimum
        );
        assert_eq!(
            problem(check_amount(Money::from_kopecks(9_999), rub(1500))),
            Problem::BelowMinimum
        );
        assert_eq!(
            problem(check_amount(rub(1501), rub(1500))),
            Problem::MoreThanBalance
        );
        assert_eq!(
            problem(check_amount(Money::ZERO, rub(1500))),
            Problem::Empty
        );
        // Below 100 ₽ only the whole balance, to the kopeck.
        assert!(check_amount(Money::from_kopecks(4_250), Money::from_kopecks(4_250)).is_ok());
        assert_eq!(
            problem(check_amount(rub(40), Money::from_kopecks(4_250))),
            Problem::WholeBalanceOnly
        );
        assert_eq!(
            problem(check_amount(rub(1), Money::ZERO)),
            Problem::MoreThanBalance
        );
    }

    #[test]
    fn a_bik_is_nine_digits_from_04() {
        assert_eq!(
            Bik::parse(" 044525225 ").map(|b| b.0),
            Ok("044525225".into())
        );
        assert_eq!(problem(Bik::parse("")), Problem::Empty);
        assert_eq!(problem(Bik::parse("04452522")), Problem::WrongLength);
        assert_eq!(problem(Bik::parse("04452522x")), Problem::Digits);
        assert_eq!(problem(Bik::parse("144525225")), Problem::Malformed);
    }

    #[test]
    fn the_account_key_agrees_with_the_bik() {
        let sber = Bik::parse("044525225").unwrap();
        assert!(AccountNumber::parse("40817810438000012345", &sber).is_ok());
        assert!(AccountNumber::parse("4081 7810 4380 0001 2345", &sber).is_ok());
        // One digit changed, or the same account at another bank: the key disagrees.
        assert_eq!(
            problem(AccountNumber::parse("40817810438000012346", &sber)),
            Problem::ControlKey
        );
        let other = Bik::parse("044525974").unwrap();
        assert_eq!(
            problem(AccountNumber::parse("40817810438000012345", &other)),
            Problem::ControlKey
        );
        // Every one-digit error is caught (weights 7, 1 and 3 are prime to 10).
        let good = "40817810438000012345";
        for i in 5..20 {
            for d in b'0'..=b'9' {
                let mut s = good.as_bytes().to_vec();
                if s[i] == d {
                    continue;
                }
                s[i] = d;
                let s = String::from_utf8(s).unwrap();
                assert!(AccountNumber::parse(&s, &sber).is_err(), "{s}");
            }
        }
        assert_eq!(problem(AccountNumber::parse("", &sber)), Problem::Empty);
        assert_eq!(
            problem(AccountNumber::parse("4081781043800001234", &sber)),
            Problem::WrongLength
        );
        assert_eq!(
            problem(AccountNumber::parse("4081781043800001234a", &sber)),
            Problem::Digits
        );
        // A company's account is not a person's.
        assert_eq!(
            problem(AccountNumber::parse("40702810038000000000", &sber)),
            Problem::NotPersonalAccount
        );
        assert_eq!(
            AccountNumber::parse(good, &sber).unwrap().masked(),
            "•••• 2345"
        );
    }

    #[test]
    fn the_key_rule_matches_real_accounts() {
        // Correspondent accounts are keyed with "0" and the BIK's 5th and 6th digits
        // instead of its last three: the same weights, so these real pairs check it.
        let key = |prefix: &str, account: &str| weighted_sum(prefix, account) % 10;
        assert_eq!(key("025", "30101810400000000225"), 0); // Sberbank, 044525225
        assert_eq!(key("025", "30101810145250000974"), 0); // T-Bank, 044525974
        assert_eq!(key("025", "30101810700000000187"), 0); // VTB, 044525187
    }

    #[test]
    fn the_recipient_is_named_in_cyrillic() {
        assert_eq!(
            RecipientName::parse("  Иванова   Анна-Мария Петровна ").map(|n| n.0),
            Ok("Иванова Анна-Мария Петровна".into())
        );
        assert!(RecipientName::parse("Ёлкин Пётр").is_ok());
        assert_eq!(problem(RecipientName::parse(" ")), Problem::Empty);
        assert_eq!(
            problem(RecipientName::parse("Ivanov Ivan")),
            Problem::Letters
        );
        assert_eq!(
            problem(RecipientName::parse("Иванов -Иван")),
            Problem::Letters
        );
        assert_eq!(problem(RecipientName::parse("Иванов")), Problem::Length);
        assert_eq!(
            problem(RecipientName::parse("Иванов Иван Иванович Оглы")),
            Problem::Length
        );
    }
}
