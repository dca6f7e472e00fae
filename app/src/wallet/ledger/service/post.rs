//! Moving money: a transfer now, or a pending one that reserves it, made once per
//! key; the sums change with the row, on the account's shard rows where it has no
//! floor.

use super::frame::{LedgerError, retry};
use crate::platform::db::{Db, Tx};
use crate::wallet::ledger::model::{
    Amount, IdempotencyKey, LedgerRefusal, Phase, Sums, Transfer, TransferKind,
};
use crate::wallet::ledger::repo::{self, NewTransfer};

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
pub(super) fn shard_of(key: &str) -> i64 {
    let h = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    (h % SHARDS as u64) as i64
}

/// How many rows the sums of an account without a floor are spread over (see the
/// migration `…_ledger_shards.sql`).
const SHARDS: i64 = 16;

/// Two accounts in id order: rows are locked in it, so no two transfers wait in a circle.
pub(super) fn ordered(a: i64, b: i64) -> [i64; 2] {
    if a < b { [a, b] } else { [b, a] }
}
