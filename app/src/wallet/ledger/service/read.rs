//! Finding accounts and transfers, and an account's sums.

use super::frame::LedgerError;
use crate::platform::db::{Db, Tx};
use crate::wallet::ledger::model::{
    AccountKind, IdempotencyKey, LedgerRefusal, Sums, Transfer, TransferKind,
};
use crate::wallet::ledger::repo;

/// The id of `owner`'s account of `kind` (0: the platform's), opened if missing.
pub async fn account(db: &Db, kind: AccountKind, owner: i64, now: i64) -> Result<i64, LedgerError> {
    let owner = if kind.per_owner() { owner } else { 0 };
    let mut conn = db.pool.acquire().await?;
    if let Some(id) = repo::account_id(&mut conn, kind, owner).await? {
        return Ok(id);
    }
    repo::open_account(&mut conn, kind, owner, now).await?;
    repo::account_id(&mut conn, kind, owner)
        .await?
        .ok_or(LedgerError::Refused(LedgerRefusal::NoAccount))
}

/// Every transfer of `account` (and the resolutions of its pending ones), oldest first.
pub async fn history(db: &Db, account: i64) -> Result<Vec<Transfer>, LedgerError> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::history_of(&mut conn, account).await?)
}

/// The transfer of `kind` made under `key`, if any, inside the caller's
/// transaction: for use cases that do more than the transfer only the first time.
pub async fn find_in(
    tx: &mut Tx,
    kind: TransferKind,
    key: &IdempotencyKey,
) -> Result<Option<Transfer>, LedgerError> {
    Ok(repo::transfer_by_key(tx, kind, key.as_str()).await?)
}

/// The transfer `id`, inside the caller's transaction.
pub async fn find_by_id_in(tx: &mut Tx, id: i64) -> Result<Option<Transfer>, LedgerError> {
    Ok(repo::transfer_by_id(tx, id).await?)
}

/// The id of `owner`'s account of `kind`, if it was ever opened.
pub async fn find_account(
    db: &Db,
    kind: AccountKind,
    owner: i64,
) -> Result<Option<i64>, LedgerError> {
    let owner = if kind.per_owner() { owner } else { 0 };
    let mut conn = db.pool.acquire().await?;
    Ok(repo::account_id(&mut conn, kind, owner).await?)
}

/// The sums of `owner`'s accounts of two kinds (say wallet and points), in one
/// query; a kind never opened has zero sums.
pub async fn owner_sums(
    db: &Db,
    owner: i64,
    kinds: [AccountKind; 2],
) -> Result<[Sums; 2], LedgerError> {
    let mut conn = db.pool.acquire().await?;
    let found = repo::owner_sums(&mut conn, owner, kinds).await?;
    Ok(kinds.map(|k| {
        found
            .iter()
            .find(|(kind, _)| *kind == k)
            .map(|(_, s)| *s)
            .unwrap_or_default()
    }))
}

/// An account's four sums.
pub async fn sums(db: &Db, account: i64) -> Result<Sums, LedgerError> {
    let mut conn = db.pool.acquire().await?;
    match repo::account(&mut conn, account).await? {
        Some((_, _, s)) => Ok(s),
        None => Err(LedgerRefusal::NoAccount.into()),
    }
}
