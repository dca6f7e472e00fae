//! The ledger's operations. Each is one database transaction: the transfer row and
//! the two accounts' sums change together or not at all. On SQLite the transaction
//! starts with `BEGIN IMMEDIATE` (one writer at a time, queued in the process by
//! `Db::write_turn`); on Postgres the sums change
//! by conditional updates in account-id order, so two transfers never wait on each
//! other in a circle, and a deadlock, serialisation failure or a lost race for an
//! idempotency key is retried a bounded number of times.

use crate::platform::db::{Db, Tx};
use crate::wallet::ledger::model::{
    AccountKind, Amount, IdempotencyKey, LedgerRefusal, Phase, Sums, Transfer, TransferKind,
};
use crate::wallet::ledger::repo::{self, NewTransfer};

mod check;
mod frame;

pub use check::{Report, check};
pub use frame::{LedgerError, is_retryable, retry};

/// A transfer to make: from `debit`'s debit side to `credit`'s credit side.
#[derive(Debug, Clone)]
pub struct Spec<'a> {
    pub kind: TransferKind,
    pub key: &'a IdempotencyKey,
    pub debit: i64,
    pub credit: i64,
    pub amount: Amount,
    /// What it is about: "payment:42", "order:7", "withdrawal:3", "certificate:9".
    pub reference: &'a str,
}

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

/// An account's four sums.
pub async fn sums(db: &Db, account: i64) -> Result<Sums, LedgerError> {
    let mut conn = db.pool.acquire().await?;
    match repo::account(&mut conn, account).await? {
        Some((_, _, s)) => Ok(s),
        None => Err(LedgerRefusal::NoAccount.into()),
    }
}

/// Moves money now. A repeated key with the same parameters answers the first
/// transfer; with other parameters it is refused.
pub async fn transfer(db: &Db, now: i64, spec: &Spec<'_>) -> Result<Transfer, LedgerError> {
    retry(db, || async {
        let mut tx = db.begin_write().await?;
        let t = transfer_in(&mut tx, now, spec, None).await?;
        tx.commit().await?;
        Ok(t)
    })
    .await
}

/// Reserves money until it is posted or voided, or until `expires_at` (Unix ms),
/// after which only the expiry job resolves it.
pub async fn reserve(
    db: &Db,
    now: i64,
    spec: &Spec<'_>,
    expires_at: i64,
) -> Result<Transfer, LedgerError> {
    retry(db, || async {
        let mut tx = db.begin_write().await?;
        let t = transfer_in(&mut tx, now, spec, Some(expires_at)).await?;
        tx.commit().await?;
        Ok(t)
    })
    .await
}

/// A posted transfer (`expires_at` None) or a pending one, inside the caller's
/// transaction, for use cases that write more in the same transaction (checkout).
/// The caller retries the whole transaction on [`LedgerError::Raced`] and when
/// [`is_retryable`] says so.
pub async fn transfer_in(
    tx: &mut Tx,
    now: i64,
    spec: &Spec<'_>,
    expires_at: Option<i64>,
) -> Result<Transfer, LedgerError> {
    if spec.debit == spec.credit {
        return Err(LedgerRefusal::SameAccount.into());
    }
    let phase = if expires_at.is_some() {
        Phase::Pending
    } else {
        Phase::Posted
    };
    if let Some(first) = repo::transfer_by_key(tx, spec.kind, spec.key.as_str()).await? {
        let same = first.debit == spec.debit
            && first.credit == spec.credit
            && first.amount == spec.amount.money()
            && first.reference == spec.reference
            && first.phase == phase
            && first.expires_at == expires_at;
        return if same {
            Ok(first)
        } else {
            Err(LedgerRefusal::KeyReused.into())
        };
    }
    let (Some(debit_kind), Some(credit_kind)) = repo::kinds(tx, spec.debit, spec.credit).await?
    else {
        return Err(LedgerRefusal::NoAccount.into());
    };
    let pending = phase == Phase::Pending;
    let a = spec.amount.kopecks();
    let delta = |debit: bool| {
        let mut d = Sums::default();
        match (debit, pending) {
            (true, false) => d.debits_posted = a,
            (true, true) => d.debits_pending = a,
            (false, false) => d.credits_posted = a,
            (false, true) => d.credits_pending = a,
        }
        d
    };
    // The sums first, the transfer row after: a floor account's row is then locked
    // for update before the row's foreign key would share-lock it. (Share-locked by
    // the foreign keys of several transactions and then updated, a hot row made
    // Postgres fail with "new multixact has more than one updating member".) The
    // accounts in id order on every path, so concurrent transfers lock rows alike.
    let shard = shard_of(spec.key.as_str());
    for account in ordered(spec.debit, spec.credit) {
        let debit = account == spec.debit;
        let kind = if debit { debit_kind } else { credit_kind };
        if !kind.floor_zero() {
            repo::add_to_shard(tx, account, shard, delta(debit)).await?;
        } else if !debit {
            repo::add_credit(tx, account, a, pending).await?;
        } else if !repo::add_debit(tx, account, a, pending).await? {
            let available = match repo::account(tx, account).await? {
                Some((_, _, s)) => s.available(),
                None => crate::shared::money::Money::ZERO,
            };
            return Err(LedgerRefusal::Insufficient { available }.into());
        }
    }
    let new = NewTransfer {
        kind: spec.kind,
        key: spec.key.as_str(),
        debit: spec.debit,
        credit: spec.credit,
        amount: a,
        reference: spec.reference,
        phase,
        pending_id: None,
        expires_at,
        now,
    };
    let Some(id) = repo::insert_transfer(tx, &new).await? else {
        return Err(LedgerError::Raced);
    };
    Ok(Transfer {
        id,
        kind: spec.kind,
        key: spec.key.as_str().to_string(),
        debit: spec.debit,
        credit: spec.credit,
        amount: spec.amount.money(),
        reference: spec.reference.to_string(),
        phase,
        pending_id: None,
        expires_at,
        created_at: now,
    })
}

/// Which of an account's shard rows a transfer with this key adds to.
fn shard_of(key: &str) -> i64 {
    let h = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    (h % SHARDS as u64) as i64
}

/// How many rows the sums of an account without a floor are spread over (see the
/// migration `…_ledger_shards.sql`).
const SHARDS: i64 = 16;

/// How a pending transfer is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolve {
    /// Move this much of it (at most the pending amount; None: all of it).
    Post(Option<Amount>),
    /// Release it all.
    Void,
}

/// Posts or voids a pending transfer, once. `key` makes a retry answer the first
/// resolution; a second resolution under another key is refused with what
/// happened to it.
pub async fn resolve(
    db: &Db,
    now: i64,
    pending_id: i64,
    how: Resolve,
    key: &IdempotencyKey,
) -> Result<Transfer, LedgerError> {
    retry(db, || async {
        let mut tx = db.begin_write().await?;
        let t = resolve_in(&mut tx, now, pending_id, how, key).await?;
        tx.commit().await?;
        Ok(t)
    })
    .await
}

/// [`resolve`] inside the caller's transaction.
pub async fn resolve_in(
    tx: &mut Tx,
    now: i64,
    pending_id: i64,
    how: Resolve,
    key: &IdempotencyKey,
) -> Result<Transfer, LedgerError> {
    let Some(pending) = repo::transfer_by_id(tx, pending_id).await? else {
        return Err(LedgerRefusal::NotPending.into());
    };
    if pending.phase != Phase::Pending {
        return Err(LedgerRefusal::NotPending.into());
    }
    let (phase, amount) = match how {
        Resolve::Post(None) => (Phase::Post, pending.amount.kopecks()),
        Resolve::Post(Some(a)) => (Phase::Post, a.kopecks()),
        Resolve::Void => (Phase::Void, pending.amount.kopecks()),
    };
    if let Some(first) = repo::transfer_by_key(tx, pending.kind, key.as_str()).await? {
        let same = first.pending_id == Some(pending_id)
            && first.phase == phase
            && first.amount.kopecks() == amount;
        return if same {
            Ok(first)
        } else {
            Err(LedgerRefusal::KeyReused.into())
        };
    }
    if let Some(done) = repo::resolution_of(tx, pending_id).await? {
        return Err(LedgerRefusal::Resolved(done.phase).into());
    }
    if phase == Phase::Post && pending.expires_at.is_some_and(|at| at <= now) {
        return Err(LedgerRefusal::Expired.into());
    }
    if amount > pending.amount.kopecks() {
        return Err(LedgerRefusal::OverPending.into());
    }
    settle_in(tx, now, &pending, phase, amount, key.as_str()).await
}

/// Stores the resolving transfer and moves the sums: the whole pending amount
/// leaves the pending sums, `amount` of it (nothing for a void or an expiry) joins
/// the posted ones.
async fn settle_in(
    tx: &mut Tx,
    now: i64,
    pending: &Transfer,
    phase: Phase,
    amount: i64,
    key: &str,
) -> Result<Transfer, LedgerError> {
    let reference = pending.reference.clone();
    let new = NewTransfer {
        kind: pending.kind,
        key,
        debit: pending.debit,
        credit: pending.credit,
        amount,
        reference: &reference,
        phase,
        pending_id: Some(pending.id),
        expires_at: None,
        now,
    };
    let (Some(debit_kind), Some(credit_kind)) =
        repo::kinds(tx, pending.debit, pending.credit).await?
    else {
        return Err(LedgerRefusal::NoAccount.into());
    };
    let posted = if phase == Phase::Post { amount } else { 0 };
    let held = pending.amount.kopecks();
    // The sums before the transfer row, as in `transfer_in`.
    let shard = shard_of(key);
    for account in ordered(pending.debit, pending.credit) {
        let debit_side = account == pending.debit;
        let kind = if debit_side { debit_kind } else { credit_kind };
        if kind.floor_zero() {
            repo::settle(tx, account, debit_side, held, posted).await?;
        } else {
            let delta = if debit_side {
                Sums {
                    debits_pending: -held,
                    debits_posted: posted,
                    ..Sums::default()
                }
            } else {
                Sums {
                    credits_pending: -held,
                    credits_posted: posted,
                    ..Sums::default()
                }
            };
            repo::add_to_shard(tx, account, shard, delta).await?;
        }
    }
    let Some(id) = repo::insert_transfer(tx, &new).await? else {
        return Err(LedgerError::Raced);
    };
    Ok(Transfer {
        id,
        kind: pending.kind,
        key: key.to_string(),
        debit: pending.debit,
        credit: pending.credit,
        amount: crate::shared::money::Money::from_kopecks(amount),
        reference,
        phase,
        pending_id: Some(pending.id),
        expires_at: None,
        created_at: now,
    })
}

/// The expiry job: releases every pending transfer whose deadline has passed, in
/// batches, each expiry its own transaction. Answers how many it released.
pub async fn expire_due(db: &Db, now: i64) -> Result<usize, LedgerError> {
    let mut released = 0;
    loop {
        let due = {
            let mut conn = db.pool.acquire().await?;
            repo::expired_pending(&mut conn, now, 500).await?
        };
        if due.is_empty() {
            return Ok(released);
        }
        for id in &due {
            let expired = retry(db, || async {
                let mut tx = db.begin_write().await?;
                let Some(p) = repo::transfer_by_id(&mut tx, *id).await? else {
                    return Ok(false);
                };
                // Posted or voided since it was listed: nothing to do.
                if repo::resolution_of(&mut tx, *id).await?.is_some() {
                    return Ok(false);
                }
                let key = format!("expire:{id}");
                settle_in(&mut tx, now, &p, Phase::Expire, p.amount.kopecks(), &key).await?;
                tx.commit().await?;
                Ok(true)
            })
            .await?;
            released += usize::from(expired);
        }
    }
}

fn ordered(a: i64, b: i64) -> [i64; 2] {
    if a < b { [a, b] } else { [b, a] }
}
