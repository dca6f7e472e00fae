//! Resolving pending transfers: posted, voided, or expired by the job, once.

use super::frame::{LedgerError, retry};
use super::post::{ordered, shard_of};
use crate::platform::db::{Db, Tx};
use crate::wallet::ledger::model::{Amount, IdempotencyKey, LedgerRefusal, Phase, Sums, Transfer};
use crate::wallet::ledger::repo::{self, NewTransfer};

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
