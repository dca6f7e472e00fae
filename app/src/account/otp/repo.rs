//! SQL for the send limits: codes sent and wrong codes entered, per number,
//! prefix, client and country.

use crate::account::otp::model::SendKey;
use crate::platform::db::Tx;

/// The times of the newest `limit` sends for `value` since `since`, newest first.
pub async fn recent_sends(
    tx: &mut Tx,
    key: SendKey,
    value: &str,
    since: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let column = match key {
        SendKey::Target => "target",
        SendKey::Prefix => "prefix",
        SendKey::Ip => "ip",
    };
    sqlx::query_scalar(&format!(
        "SELECT sent_at FROM code_sends WHERE {column} = $1 AND sent_at >= $2 ORDER BY sent_at DESC LIMIT $3"
    ))
    .bind(value.to_string())
    .bind(since)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await
}

/// One code sent: what the limits count it by.
pub struct Send<'a> {
    pub target: &'a str,
    pub prefix: &'a str,
    /// The client's limit bucket (an IPv4 address or an IPv6 /64).
    pub ip: &'a str,
    /// The ISO code of a phone's country; empty for an email.
    pub country: &'a str,
    pub now: i64,
}

pub async fn record_send(tx: &mut Tx, s: Send<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO code_sends (target, prefix, ip, country, sent_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(s.target.to_string())
    .bind(s.prefix.to_string())
    .bind(s.ip.to_string())
    .bind(s.country.to_string())
    .bind(s.now)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// The time of the `n`-th newest code sent to a phone after `since`, of one
/// country or of all: if there is one, a budget of `n` is spent until it ages out.
pub async fn nth_recent_phone_send(
    tx: &mut Tx,
    country: Option<&str>,
    since: i64,
    n: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let (filter, value) = match country {
        Some(iso) => ("country = $3", iso.to_string()),
        None => ("country <> $3", String::new()),
    };
    if n <= 0 {
        return Ok(Some(since + 3_600_000));
    }
    sqlx::query_scalar(&format!(
        "SELECT sent_at FROM code_sends WHERE {filter} AND sent_at > $1 \
         ORDER BY sent_at DESC LIMIT 1 OFFSET $2"
    ))
    .bind(since)
    .bind(n - 1)
    .bind(value)
    .fetch_optional(&mut **tx)
    .await
}

/// Wrong codes entered for `target` since `since`, over all its attempts.
pub async fn failures_since(tx: &mut Tx, target: &str, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(failures), 0) AS BIGINT) AS n FROM signin_attempts WHERE target = $1 AND created_at >= $2",
    )
    .bind(target.to_string())
    .bind(since)
    .fetch_one(&mut **tx)
    .await
}
