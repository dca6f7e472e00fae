//! Ledger SQL, nothing else. Transfers are only ever inserted and read; the
//! accounts' sums are changed by conditional updates that keep floor-zero accounts
//! at or above zero (the database's CHECK stands behind them).

use crate::platform::db::Tx;
use crate::wallet::ledger::model::{AccountKind, Phase, Sums, TransferKind};
use sqlx::Row;

type Ex<'e> = &'e mut sqlx::AnyConnection;

mod check;
mod transfers;

use check::sums;

pub use check::{Totals, below_zero, drifted_accounts, totals};
pub use transfers::{history_of, resolution_of, transfer_by_id, transfer_by_key};

/// The id of the account of `kind` for `owner` (0: the platform's).
pub async fn account_id(
    ex: Ex<'_>,
    kind: AccountKind,
    owner: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query("SELECT id FROM ledger_accounts WHERE kind = $1 AND owner_id = $2")
        .bind(kind.as_str())
        .bind(owner)
        .fetch_optional(ex)
        .await?
        .map(|r| r.try_get("id"))
        .transpose()
}

/// Opens the account unless it exists (a concurrent opening wins quietly).
pub async fn open_account(
    ex: Ex<'_>,
    kind: AccountKind,
    owner: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO ledger_accounts (kind, owner_id, floor_zero, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (kind, owner_id) DO NOTHING",
    )
    .bind(kind.as_str())
    .bind(owner)
    .bind(i64::from(kind.floor_zero()))
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// The sums of `owner`'s accounts of the two kinds, in one query; a kind never
/// opened is missing.
pub async fn owner_sums(
    ex: Ex<'_>,
    owner: i64,
    kinds: [AccountKind; 2],
) -> Result<Vec<(AccountKind, Sums)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.kind, \
         a.debits_posted + CAST(COALESCE(SUM(s.debits_posted), 0) AS BIGINT) AS debits_posted, \
         a.credits_posted + CAST(COALESCE(SUM(s.credits_posted), 0) AS BIGINT) AS credits_posted, \
         a.debits_pending + CAST(COALESCE(SUM(s.debits_pending), 0) AS BIGINT) AS debits_pending, \
         a.credits_pending + CAST(COALESCE(SUM(s.credits_pending), 0) AS BIGINT) AS credits_pending \
         FROM ledger_accounts a LEFT JOIN ledger_account_shards s ON s.account_id = a.id \
         WHERE a.kind IN ($1, $2) AND a.owner_id = $3 \
         GROUP BY a.id, a.kind, a.debits_posted, a.credits_posted, a.debits_pending, a.credits_pending",
    )
    .bind(kinds[0].as_str())
    .bind(kinds[1].as_str())
    .bind(owner)
    .fetch_all(ex)
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            let kind = AccountKind::parse(&kind)
                .ok_or_else(|| sqlx::Error::Decode(format!("account kind {kind:?}").into()))?;
            Ok((kind, sums(r)?))
        })
        .collect()
}

/// An account's kind, owner and sums (its own row's plus its shards').
pub async fn account(ex: Ex<'_>, id: i64) -> Result<Option<(AccountKind, i64, Sums)>, sqlx::Error> {
    let Some(r) = sqlx::query(
        "SELECT a.kind, a.owner_id, \
         a.debits_posted + COALESCE(s.dp, 0) AS debits_posted, \
         a.credits_posted + COALESCE(s.cp, 0) AS credits_posted, \
         a.debits_pending + COALESCE(s.dn, 0) AS debits_pending, \
         a.credits_pending + COALESCE(s.cn, 0) AS credits_pending \
         FROM ledger_accounts a LEFT JOIN ( \
             SELECT account_id, CAST(SUM(debits_posted) AS BIGINT) AS dp, \
                    CAST(SUM(credits_posted) AS BIGINT) AS cp, \
                    CAST(SUM(debits_pending) AS BIGINT) AS dn, \
                    CAST(SUM(credits_pending) AS BIGINT) AS cn \
             FROM ledger_account_shards WHERE account_id = $1 GROUP BY account_id) s \
           ON s.account_id = a.id \
         WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(ex)
    .await?
    else {
        return Ok(None);
    };
    let kind: String = r.try_get("kind")?;
    let kind = AccountKind::parse(&kind)
        .ok_or_else(|| sqlx::Error::Decode(format!("account kind {kind:?}").into()))?;
    Ok(Some((kind, r.try_get("owner_id")?, sums(&r)?)))
}

/// The kinds of two accounts (None for one that does not exist), in one query.
pub async fn kinds(
    ex: Ex<'_>,
    a: i64,
    b: i64,
) -> Result<(Option<AccountKind>, Option<AccountKind>), sqlx::Error> {
    let rows = sqlx::query("SELECT id, kind FROM ledger_accounts WHERE id IN ($1, $2)")
        .bind(a)
        .bind(b)
        .fetch_all(ex)
        .await?;
    let mut found = (None, None);
    for r in rows {
        let (id, kind): (i64, String) = (r.try_get("id")?, r.try_get("kind")?);
        let kind = AccountKind::parse(&kind)
            .ok_or_else(|| sqlx::Error::Decode(format!("account kind {kind:?}").into()))?;
        if id == a {
            found.0 = Some(kind);
        }
        if id == b {
            found.1 = Some(kind);
        }
    }
    Ok(found)
}

/// Adds `delta` to one shard of an account without a floor (see the migration
/// `…_ledger_shards.sql`): concurrent transfers on the account mostly touch
/// different rows.
pub async fn add_to_shard(
    tx: &mut Tx,
    account: i64,
    shard: i64,
    delta: Sums,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO ledger_account_shards \
         (account_id, shard, debits_posted, credits_posted, debits_pending, credits_pending) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (account_id, shard) DO UPDATE SET \
         debits_posted = ledger_account_shards.debits_posted + excluded.debits_posted, \
         credits_posted = ledger_account_shards.credits_posted + excluded.credits_posted, \
         debits_pending = ledger_account_shards.debits_pending + excluded.debits_pending, \
         credits_pending = ledger_account_shards.credits_pending + excluded.credits_pending",
    )
    .bind(account)
    .bind(shard)
    .bind(delta.debits_posted)
    .bind(delta.credits_posted)
    .bind(delta.debits_pending)
    .bind(delta.credits_pending)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A transfer about to be stored.
pub struct NewTransfer<'a> {
    pub kind: TransferKind,
    pub key: &'a str,
    pub debit: i64,
    pub credit: i64,
    pub amount: i64,
    pub reference: &'a str,
    pub phase: Phase,
    pub pending_id: Option<i64>,
    pub expires_at: Option<i64>,
    pub now: i64,
}

/// Stores a transfer and answers its id, or None when a transfer of the same kind
/// and key exists (the caller reads it). A second resolution of a pending transfer
/// fails on a unique key.
pub async fn insert_transfer(ex: Ex<'_>, t: &NewTransfer<'_>) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query(
        "INSERT INTO ledger_transfers (kind, idempotency_key, debit_account_id, credit_account_id, \
         amount, reference, phase, pending_id, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (kind, idempotency_key) DO NOTHING RETURNING id",
    )
    .bind(t.kind.as_str())
    .bind(t.key)
    .bind(t.debit)
    .bind(t.credit)
    .bind(t.amount)
    .bind(t.reference)
    .bind(t.phase.as_str())
    .bind(t.pending_id)
    .bind(t.expires_at)
    .bind(t.now)
    .fetch_optional(ex)
    .await?
    .map(|r| r.try_get("id"))
    .transpose()
}

/// Pending transfers whose deadline is at or before `now` and that nothing resolved.
pub async fn expired_pending(ex: Ex<'_>, now: i64, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query(
        "SELECT t.id FROM ledger_transfers t WHERE t.expires_at IS NOT NULL AND t.expires_at <= $1 \
         AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.pending_id = t.id) \
         ORDER BY t.expires_at, t.id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(ex)
    .await?
    .iter()
    .map(|r| r.try_get("id"))
    .collect()
}

/// Adds a debit to an account, posted or pending. On a floor-zero account it only
/// happens when debits (posted and pending) stay within posted credits; answers
/// whether it happened.
pub async fn add_debit(
    tx: &mut Tx,
    account: i64,
    amount: i64,
    pending: bool,
) -> Result<bool, sqlx::Error> {
    let column = if pending {
        "debits_pending"
    } else {
        "debits_posted"
    };
    let done = sqlx::query(&format!(
        "UPDATE ledger_accounts SET {column} = {column} + $1 WHERE id = $2 \
         AND (floor_zero = 0 OR debits_posted + debits_pending + $1 <= credits_posted)"
    ))
    .bind(amount)
    .bind(account)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds a credit to an account, posted or pending.
pub async fn add_credit(
    tx: &mut Tx,
    account: i64,
    amount: i64,
    pending: bool,
) -> Result<(), sqlx::Error> {
    let column = if pending {
        "credits_pending"
    } else {
        "credits_posted"
    };
    sqlx::query(&format!(
        "UPDATE ledger_accounts SET {column} = {column} + $1 WHERE id = $2"
    ))
    .bind(amount)
    .bind(account)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Resolves `pending` kopecks of a pending transfer on one account: they leave the
/// pending sum and `posted` of them (0 for a void) join the posted sum. Never raises
/// debits, so it cannot break a floor.
pub async fn settle(
    tx: &mut Tx,
    account: i64,
    debit_side: bool,
    pending: i64,
    posted: i64,
) -> Result<(), sqlx::Error> {
    let (p, q) = if debit_side {
        ("debits_pending", "debits_posted")
    } else {
        ("credits_pending", "credits_posted")
    };
    sqlx::query(&format!(
        "UPDATE ledger_accounts SET {p} = {p} - $1, {q} = {q} + $2 WHERE id = $3"
    ))
    .bind(pending)
    .bind(posted)
    .bind(account)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
