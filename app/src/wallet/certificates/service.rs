//! Issuing and activating gift certificates. Each is one transaction that writes
//! the certificate's row and its ledger transfer together.

use crate::platform::client_addr::limit_bucket;
use crate::platform::db::{Db, lock_keys};
use crate::platform::security::hash_token;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;
use crate::wallet::certificates::model::{
    ACTIVATIONS_PER_DAY, CertificateCode, CodeProblem, FAILURES_PER_ACCOUNT_DAY,
    FAILURES_PER_ACCOUNT_HOUR, FAILURES_PER_CLIENT_HOUR, VALID_MS, moscow_day_start,
};
use crate::wallet::certificates::repo::{self, NewCertificate};
use crate::wallet::ledger::model::{AccountKind, Amount, IdempotencyKey, TransferKind};
use crate::wallet::ledger::service::{self as ledger, LedgerError, Spec, retry};

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 86_400_000;

/// Issues `count` certificates of `amount` each, valid for a year from `now`, and
/// answers their codes (shown once, never stored). `source` says who issued them
/// ("cli", later "order:42"). Each certificate moves its value from the
/// certificate sales account to the certificates outstanding.
pub async fn issue(
    db: &Db,
    now: i64,
    amount: Amount,
    count: u32,
    source: &str,
) -> Result<Vec<CertificateCode>, LedgerError> {
    let sales = ledger::account(db, AccountKind::CertificateSales, 0, now).await?;
    let outstanding = ledger::account(db, AccountKind::Certificates, 0, now).await?;
    let mut codes = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let code = retry(db, || async {
            // A new code on every try: a retry after a unique violation of the
            // hash (two equal codes in 2^75) must not meet the same code again.
            let code = CertificateCode::generate();
            let mut tx = db.begin_write().await?;
            let id = repo::insert(
                &mut tx,
                &NewCertificate {
                    code_hash: &hash_token(code.as_str()),
                    last4: code.last4(),
                    amount: amount.kopecks(),
                    source,
                    issued_at: now,
                    expires_at: now + VALID_MS,
                },
            )
            .await?;
            let key = IdempotencyKey::parse(&format!("certificate:{id}"))?;
            let reference = format!("certificate:{id}");
            let spec = Spec {
                kind: TransferKind::CertificateIssue,
                key: &key,
                debit: sales,
                credit: outstanding,
                amount,
                reference: &reference,
            };
            ledger::transfer_in(&mut tx, now, &spec, None).await?;
            tx.commit().await?;
            Ok(code)
        })
        .await?;
        codes.push(code);
    }
    Ok(codes)
}

/// Activates a certificate typed by `user` from `ip`: its value moves into the
/// user's wallet, once. A code that is well formed but matches no certificate
/// counts against the user's and the address's allowance of wrong codes; a
/// malformed one (the check character catches typos) counts against nothing.
/// Activating one's own certificate again answers its value again.
pub async fn activate(db: &Db, now: i64, user: i64, ip: &str, typed: &str) -> AppResult<Money> {
    let code = CertificateCode::parse(typed).map_err(|p| {
        AppError::invalid(
            Field::Certificate,
            match p {
                CodeProblem::Empty => Problem::Empty,
                CodeProblem::BadCharacters => Problem::BadCharacters,
                CodeProblem::WrongLength => Problem::WrongLength,
                CodeProblem::Typo => Problem::Typo,
            },
        )
    })?;
    let hash = hash_token(code.as_str());
    let client = limit_bucket(ip);
    let outstanding = ledger::account(db, AccountKind::Certificates, 0, now).await?;
    let wallet = ledger::account(db, AccountKind::Wallet, user, now).await?;
    let outcome = retry(db, || async {
        let mut tx = db.begin_write().await?;
        lock_keys(
            &mut tx,
            &[
                format!("certificate:user:{user}"),
                format!("certificate:client:{client}"),
            ],
        )
        .await?;
        let by_user = repo::failures_of_user(&mut tx, user, now - DAY_MS).await?;
        let by_client = repo::failures_of_client(&mut tx, &client, now - HOUR_MS).await?;
        if let Some(wait) = wait_ms(now, &by_user, &by_client) {
            return Ok(Err(AppError::TooManyRequests {
                retry_after_secs: (wait + 999) / 1000,
            }));
        }
        let Some(c) = repo::by_hash(&mut tx, &hash).await? else {
            repo::record_failure(&mut tx, user, &client, now).await?;
            tx.commit().await?;
            let left = attempts_left(now, &by_user, &by_client) - 1;
            return Ok(Err(if left > 0 {
                AppError::WrongCode {
                    attempts_left: left,
                }
            } else {
                AppError::CodeBurned
            }));
        };
        match c.activated_by {
            Some(owner) if owner == user => return Ok(Ok(Money::from_kopecks(c.amount))),
            Some(_) => return Ok(Err(refusal(Problem::AlreadyUsed))),
            None => {}
        }
        if now > c.expires_at {
            return Ok(Err(refusal(Problem::Expired)));
        }
        let today = repo::activations_since(&mut tx, user, moscow_day_start(now)).await?;
        if today >= ACTIVATIONS_PER_DAY {
            return Ok(Err(refusal(Problem::DailyLimit)));
        }
        if !repo::mark_activated(&mut tx, c.id, user, now).await? {
            // Another account took it between the read and the write: read again.
            return Err(LedgerError::Raced);
        }
        let amount = Amount::new(Money::from_kopecks(c.amount))?;
        let key = IdempotencyKey::parse(&format!("certificate:{}", c.id))?;
        let reference = format!("certificate:{}", c.id);
        let spec = Spec {
            kind: TransferKind::CertificateActivation,
            key: &key,
            debit: outstanding,
            credit: wallet,
            amount,
            reference: &reference,
        };
        ledger::transfer_in(&mut tx, now, &spec, None).await?;
        tx.commit().await?;
        Ok(Ok(amount.money()))
    })
    .await?;
    if let Ok(amount) = &outcome {
        tracing::info!(user, amount = amount.kopecks(), "certificate activated");
    }
    outcome
}

fn refusal(p: Problem) -> AppError {
    AppError::invalid(Field::Certificate, p)
}

/// How long before the next code may be tried, given the user's wrong codes of the
/// last day and the client's of the last hour (newest first), if it must wait.
fn wait_ms(now: i64, by_user: &[i64], by_client: &[i64]) -> Option<i64> {
    let user_hour: Vec<i64> = by_user
        .iter()
        .copied()
        .filter(|t| *t >= now - HOUR_MS)
        .collect();
    let waits = [
        nth_ages_out(&user_hour, FAILURES_PER_ACCOUNT_HOUR, HOUR_MS),
        nth_ages_out(by_user, FAILURES_PER_ACCOUNT_DAY, DAY_MS),
        nth_ages_out(by_client, FAILURES_PER_CLIENT_HOUR, HOUR_MS),
    ];
    waits
        .into_iter()
        .flatten()
        .map(|at| (at - now).max(1))
        .max()
}

/// When the `max`-th newest of `times` leaves its `window`, if there are that many.
fn nth_ages_out(times: &[i64], max: i64, window: i64) -> Option<i64> {
    times.get(max as usize - 1).map(|t| t + window)
}

/// Wrong codes left before the next wait, this one not yet counted.
fn attempts_left(now: i64, by_user: &[i64], by_client: &[i64]) -> i64 {
    let user_hour = by_user.iter().filter(|t| **t >= now - HOUR_MS).count() as i64;
    [
        FAILURES_PER_ACCOUNT_HOUR - user_hour,
        FAILURES_PER_ACCOUNT_DAY - by_user.len() as i64,
        FAILURES_PER_CLIENT_HOUR - by_client.len() as i64,
    ]
    .into_iter()
    .min()
    .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_wrong_codes_an_hour_then_a_wait_until_the_oldest_ages_out() {
        let now = 10 * DAY_MS;
        let four: Vec<i64> = (1..=4).map(|i| now - i * 60_000).collect();
        assert_eq!(wait_ms(now, &four, &[]), None);
        assert_eq!(attempts_left(now, &four, &[]), 1);
        let five: Vec<i64> = (1..=5).map(|i| now - i * 60_000).collect();
        assert_eq!(wait_ms(now, &five, &[]), Some(HOUR_MS - 5 * 60_000));
    }

    #[test]
    fn ten_a_day_and_twenty_an_hour_per_address() {
        let now = 10 * DAY_MS;
        let ten: Vec<i64> = (1..=10).map(|i| now - i * 2 * HOUR_MS).collect();
        assert_eq!(wait_ms(now, &ten, &[]), Some(DAY_MS - 20 * HOUR_MS));
        let twenty: Vec<i64> = (1..=20).map(|i| now - i * 1000).collect();
        assert_eq!(wait_ms(now, &[], &twenty), Some(HOUR_MS - 20_000));
        assert_eq!(attempts_left(now, &[], &twenty[..19]), 1);
    }
}
