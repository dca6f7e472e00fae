//! Granting, spending, returning and expiring bonus points. Each is one transaction
//! that moves the points in the ledger and keeps the batches in step with it, so the
//! batches' remainings always add up to the points account's balance.

use crate::platform::db::{Db, Tx, lock_keys};
use crate::shared::money::Money;
use crate::wallet::ledger::model::{
    AccountKind, Amount, IdempotencyKey, LedgerRefusal, TransferKind,
};
use crate::wallet::ledger::service::{self as ledger, LedgerError, Spec, retry};
use crate::wallet::points::model::{PointsView, allocate};
use crate::wallet::points::repo;

/// Expired batches handled per transaction by the job.
const EXPIRY_BATCH: i64 = 200;

/// Grants `amount` points to `user`, expiring at `expires_at`, as one new batch.
/// The same `key` again grants nothing more.
pub async fn grant(
    db: &Db,
    now: i64,
    user: i64,
    amount: Amount,
    key: &IdempotencyKey,
    reference: &str,
    expires_at: i64,
) -> Result<(), LedgerError> {
    let a = accounts(db, now, user).await?;
    retry(db, || async {
        let mut tx = db.begin_write().await?;
        grant_in(&mut tx, now, a, amount, key, reference, expires_at).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// [`grant`] inside the caller's transaction (points earned with the change that
/// earns them), with the accounts opened before. The same `key` again grants
/// nothing more.
pub async fn grant_in(
    tx: &mut Tx,
    now: i64,
    a: PointsAccounts,
    amount: Amount,
    key: &IdempotencyKey,
    reference: &str,
    expires_at: i64,
) -> Result<(), LedgerError> {
    lock_keys(tx, &[format!("points:{}", a.user)]).await?;
    if ledger::find_in(tx, TransferKind::PointsGrant, key)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let spec = Spec {
        kind: TransferKind::PointsGrant,
        key,
        debit: a.issued,
        credit: a.points,
        amount,
        reference,
    };
    ledger::transfer_in(tx, now, &spec, None).await?;
    repo::insert_batch(tx, a.user, key.as_str(), amount.kopecks(), now, expires_at).await?;
    Ok(())
}

/// Spends `amount` of `user`'s points (checkout checks the 25 % cap first with
/// `model::check_spend`), soonest-expiring batches first, into order clearing, in
/// the caller's transaction. Batches past their time are expired first, so they
/// are never spent. Refused with `Insufficient` when the points do not cover it.
/// The same `key` again spends nothing more.
pub async fn spend_in(
    tx: &mut Tx,
    now: i64,
    accounts: PointsAccounts,
    amount: Amount,
    key: &IdempotencyKey,
    reference: &str,
) -> Result<(), LedgerError> {
    let user = accounts.user;
    lock_keys(tx, &[format!("points:{user}")]).await?;
    if ledger::find_in(tx, TransferKind::PointsSpend, key)
        .await?
        .is_some()
    {
        // A retry: the transfer checks its parameters, the batches were taken once.
        ledger::transfer_in(
            tx,
            now,
            &spend_spec(&accounts, amount, key, reference),
            None,
        )
        .await?;
        return Ok(());
    }
    expire_user_in(tx, now, &accounts).await?;
    ledger::transfer_in(
        tx,
        now,
        &spend_spec(&accounts, amount, key, reference),
        None,
    )
    .await?;
    let live: Vec<(i64, i64)> = repo::live_batches(tx, user, now)
        .await?
        .iter()
        .map(|b| (b.id, b.remaining))
        .collect();
    let takes = allocate(&live, amount.kopecks()).ok_or(LedgerRefusal::Insufficient {
        available: Money::from_kopecks(live.iter().map(|b| b.1).sum()),
    })?;
    for (batch, take) in takes {
        if !repo::take(tx, batch, take).await? {
            return Err(LedgerError::Raced);
        }
        repo::record_spend(tx, key.as_str(), batch, take).await?;
    }
    Ok(())
}

fn spend_spec<'a>(
    a: &PointsAccounts,
    amount: Amount,
    key: &'a IdempotencyKey,
    reference: &'a str,
) -> Spec<'a> {
    Spec {
        kind: TransferKind::PointsSpend,
        key,
        debit: a.points,
        credit: a.clearing,
        amount,
        reference,
    }
}

/// The ledger accounts points move between for one shopper, opened before the
/// transaction that moves them.
#[derive(Debug, Clone, Copy)]
pub struct PointsAccounts {
    pub user: i64,
    pub points: i64,
    pub issued: i64,
    pub clearing: i64,
}

pub async fn accounts(db: &Db, now: i64, user: i64) -> Result<PointsAccounts, LedgerError> {
    Ok(PointsAccounts {
        user,
        points: ledger::account(db, AccountKind::Points, user, now).await?,
        issued: ledger::account(db, AccountKind::PointsIssued, 0, now).await?,
        clearing: ledger::account(db, AccountKind::OrderClearing, 0, now).await?,
    })
}

/// [`spend_in`] in a transaction of its own.
pub async fn spend(
    db: &Db,
    now: i64,
    user: i64,
    amount: Amount,
    key: &IdempotencyKey,
    reference: &str,
) -> Result<(), LedgerError> {
    let a = accounts(db, now, user).await?;
    retry(db, || async {
        let mut tx = db.begin_write().await?;
        spend_in(&mut tx, now, a, amount, key, reference).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Gives back up to `amount` of the points the spend `spend_key` took (an order
/// cancelled or returned, in whole or in part), into the batches they came from,
/// which keep their own expiry. Answers what came back: less than `amount` when
/// less is left to return. The same `key` again returns nothing more.
pub async fn return_spent(
    db: &Db,
    now: i64,
    spend_key: &IdempotencyKey,
    amount: Amount,
    key: &IdempotencyKey,
    reference: &str,
) -> Result<Money, LedgerError> {
    let user = {
        let mut conn = db.pool.acquire().await?;
        repo::spender(&mut conn, spend_key.as_str()).await?
    };
    let Some(user) = user else {
        return Ok(Money::ZERO);
    };
    let a = accounts(db, now, user).await?;
    retry(db, || async {
        let mut tx = db.begin_write().await?;
        let back = return_spent_in(&mut tx, now, a, spend_key, amount, key, reference).await?;
        tx.commit().await?;
        Ok(back)
    })
    .await
}

/// [`return_spent`] inside the caller's transaction (a cancel or a return that
/// gives money back in the same one), with the spender's accounts opened before.
pub async fn return_spent_in(
    tx: &mut Tx,
    now: i64,
    a: PointsAccounts,
    spend_key: &IdempotencyKey,
    amount: Amount,
    key: &IdempotencyKey,
    reference: &str,
) -> Result<Money, LedgerError> {
    lock_keys(tx, &[format!("points:{}", a.user)]).await?;
    if let Some(first) = ledger::find_in(tx, TransferKind::PointsReturn, key).await? {
        return Ok(first.amount);
    }
    let open = repo::unreturned(tx, spend_key.as_str()).await?;
    let mut left = amount.kopecks().min(open.iter().map(|o| o.2).sum());
    let Ok(back) = Amount::new(Money::from_kopecks(left)) else {
        return Ok(Money::ZERO);
    };
    let spec = Spec {
        kind: TransferKind::PointsReturn,
        key,
        debit: a.clearing,
        credit: a.points,
        amount: back,
        reference,
    };
    ledger::transfer_in(tx, now, &spec, None).await?;
    for (row, batch, open) in open {
        let give = open.min(left);
        if give == 0 {
            break;
        }
        repo::put_back(tx, batch, give).await?;
        repo::mark_returned(tx, row, give).await?;
        left -= give;
    }
    Ok(back.money())
}

/// Takes back up to `amount` of the points `a.user` holds (points earned on goods
/// that were then returned), soonest-expiring batches first, in the caller's
/// transaction: what was taken, less than `amount` when fewer are left (points
/// already spent stay spent). The same `key` again takes nothing more.
pub async fn revoke_in(
    tx: &mut Tx,
    now: i64,
    a: PointsAccounts,
    amount: Money,
    key: &IdempotencyKey,
    reference: &str,
) -> Result<Money, LedgerError> {
    lock_keys(tx, &[format!("points:{}", a.user)]).await?;
    if let Some(first) = ledger::find_in(tx, TransferKind::PointsRevoke, key).await? {
        return Ok(first.amount);
    }
    expire_user_in(tx, now, &a).await?;
    let live: Vec<(i64, i64)> = repo::live_batches(tx, a.user, now)
        .await?
        .iter()
        .map(|b| (b.id, b.remaining))
        .collect();
    let take = amount.kopecks().min(live.iter().map(|b| b.1).sum::<i64>());
    let Ok(taken) = Amount::new(Money::from_kopecks(take)) else {
        return Ok(Money::ZERO);
    };
    let spec = Spec {
        kind: TransferKind::PointsRevoke,
        key,
        debit: a.points,
        credit: a.issued,
        amount: taken,
        reference,
    };
    ledger::transfer_in(tx, now, &spec, None).await?;
    for (batch, part) in allocate(&live, take).unwrap_or_default() {
        if !repo::take(tx, batch, part).await? {
            return Err(LedgerError::Raced);
        }
    }
    Ok(taken.money())
}

/// Expires what is left in `user`'s batches whose time is over, in the caller's
/// transaction.
async fn expire_user_in(tx: &mut Tx, now: i64, a: &PointsAccounts) -> Result<(), LedgerError> {
    for b in repo::due_batches(tx, Some(a.user), now, EXPIRY_BATCH).await? {
        expire_batch_in(tx, now, a.points, a.issued, &b).await?;
    }
    Ok(())
}

async fn expire_batch_in(
    tx: &mut Tx,
    now: i64,
    points: i64,
    issued: i64,
    b: &repo::BatchRow,
) -> Result<(), LedgerError> {
    // The key names how much the batch had expired before: a batch that expires
    // again (spent points returned after its time) gets a transfer of its own.
    let key = IdempotencyKey::parse(&format!("points-expiry:{}:{}", b.id, b.expired))?;
    let reference = format!("points-batch:{}", b.id);
    let spec = Spec {
        kind: TransferKind::PointsExpiry,
        key: &key,
        debit: points,
        credit: issued,
        amount: Amount::new(Money::from_kopecks(b.remaining))?,
        reference: &reference,
    };
    ledger::transfer_in(tx, now, &spec, None).await?;
    if !repo::expire(tx, b.id, b.remaining).await? {
        return Err(LedgerError::Raced);
    }
    Ok(())
}

/// The job: expires every batch whose time is over, by a ledger transfer back to
/// the points issued. Answers how many batches it expired.
pub async fn expire_due(db: &Db, now: i64) -> Result<usize, LedgerError> {
    let issued = ledger::account(db, AccountKind::PointsIssued, 0, now).await?;
    let mut expired = 0;
    loop {
        let due = {
            let mut conn = db.pool.acquire().await?;
            repo::due_batches(&mut conn, None, now, EXPIRY_BATCH).await?
        };
        let before = expired;
        if due.is_empty() {
            return Ok(expired);
        }
        for b in due {
            let points = ledger::account(db, AccountKind::Points, b.user_id, now).await?;
            let done = retry(db, || async {
                let mut tx = db.begin_write().await?;
                lock_keys(&mut tx, &[format!("points:{}", b.user_id)]).await?;
                // Read again under the lock: a spend or a return may have changed it.
                let now_due =
                    repo::due_batches(&mut tx, Some(b.user_id), now, EXPIRY_BATCH).await?;
                let Some(fresh) = now_due.into_iter().find(|d| d.id == b.id) else {
                    return Ok(false);
                };
                expire_batch_in(&mut tx, now, points, issued, &fresh).await?;
                tx.commit().await?;
                Ok(true)
            })
            .await?;
            expired += usize::from(done);
        }
        if expired == before {
            // Everything listed was spent or expired by others meanwhile.
            return Ok(expired);
        }
    }
}

/// `user`'s points by expiry date.
pub async fn view(db: &Db, now: i64, user: i64) -> Result<PointsView, LedgerError> {
    let mut conn = db.pool.acquire().await?;
    Ok(PointsView::from_batches(
        &repo::holdings(&mut conn, user, now).await?,
    ))
}
