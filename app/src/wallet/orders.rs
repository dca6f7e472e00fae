//! What orders ask of the wallet: the ledger accounts an order's money moves
//! between (opened before the order's transaction: on SQLite it holds the one
//! writer), and the transfers inside that transaction, each keyed by the order so
//! that a second run moves nothing twice — paid from the wallet, by card or at the
//! pickup point, given back, and bonus points spent, returned and earned.

use crate::platform::db::{Db, Tx};
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;
use crate::wallet::ledger::model::{
    AccountKind, Amount, IdempotencyKey, LedgerRefusal, TransferKind,
};
use crate::wallet::ledger::service::{self as ledger, LedgerError, Spec};
use crate::wallet::points;
use crate::wallet::points::service::PointsAccounts;

/// (`kind`'s account of `owner`, order clearing), opened if missing.
async fn with_clearing(db: &Db, kind: AccountKind, owner: i64, now: i64) -> AppResult<(i64, i64)> {
    Ok((
        ledger::account(db, kind, owner, now).await?,
        ledger::account(db, AccountKind::OrderClearing, 0, now).await?,
    ))
}

/// (the shopper's wallet, order clearing).
pub async fn order_accounts(db: &Db, user: i64, now: i64) -> AppResult<(i64, i64)> {
    with_clearing(db, AccountKind::Wallet, user, now).await
}

/// (card acquiring, order clearing).
pub async fn card_accounts(db: &Db, now: i64) -> AppResult<(i64, i64)> {
    with_clearing(db, AccountKind::CardAcquiring, 0, now).await
}

/// (pickup points' takings, order clearing).
pub async fn receipt_accounts(db: &Db, now: i64) -> AppResult<(i64, i64)> {
    with_clearing(db, AccountKind::PointTakings, 0, now).await
}

/// `user`'s points accounts.
pub async fn points_accounts(db: &Db, now: i64, user: i64) -> AppResult<PointsAccounts> {
    Ok(points::service::accounts(db, now, user).await?)
}

/// One transfer of order `order`'s money, keyed `order:<order>:<what>`.
async fn move_in(
    tx: &mut Tx,
    now: i64,
    kind: TransferKind,
    (debit, credit): (i64, i64),
    order: i64,
    what: &str,
    amount: Money,
) -> Result<(), LedgerError> {
    let key = IdempotencyKey::parse(&format!("order:{order}:{what}"))?;
    let reference = format!("order:{order}");
    let spec = Spec {
        kind,
        key: &key,
        debit,
        credit,
        amount: Amount::new(amount)?,
        reference: &reference,
    };
    ledger::transfer_in(tx, now, &spec, None).await.map(|_| ())
}

/// Pays order `order` from the shopper's wallet, once per order. The inner error
/// is the refusal a shopper reads (not enough money); the outer one a storage
/// failure, which the caller's `retry` may try again.
pub async fn pay_order_in(
    tx: &mut Tx,
    now: i64,
    (wallet, clearing): (i64, i64),
    order: i64,
    amount: Money,
) -> Result<AppResult<()>, LedgerError> {
    let kind = TransferKind::OrderPayment;
    match move_in(tx, now, kind, (wallet, clearing), order, "wallet", amount).await {
        Ok(()) => Ok(Ok(())),
        Err(LedgerError::Refused(LedgerRefusal::Insufficient { .. })) => Ok(Err(
            AppError::invalid(Field::Amount, Problem::MoreThanBalance),
        )),
        Err(e) => Err(e),
    }
}

/// Records order `order`'s card payment (the provider said it succeeded), once.
pub async fn card_paid_in(
    tx: &mut Tx,
    now: i64,
    (acquiring, clearing): (i64, i64),
    order: i64,
    amount: Money,
) -> Result<(), LedgerError> {
    let kind = TransferKind::OrderPayment;
    move_in(tx, now, kind, (acquiring, clearing), order, "card", amount).await
}

/// Records what a pickup point took on receipt for order `order`, once per `what`
/// (the hand-over).
pub async fn take_on_receipt_in(
    tx: &mut Tx,
    now: i64,
    (takings, clearing): (i64, i64),
    order: i64,
    what: &str,
    amount: Money,
) -> Result<(), LedgerError> {
    let what = format!("receipt:{what}");
    move_in(
        tx,
        now,
        TransferKind::OrderPayment,
        (takings, clearing),
        order,
        &what,
        amount,
    )
    .await
}

/// Gives `amount` of order `order`'s payment back, once per `what` (a line's id, or
/// "all" for what was left): to the shopper's wallet with (wallet, clearing), or
/// towards the card with (card acquiring, clearing).
pub async fn refund_order_in(
    tx: &mut Tx,
    now: i64,
    (to, clearing): (i64, i64),
    order: i64,
    what: &str,
    amount: Money,
) -> Result<(), LedgerError> {
    let what = format!("refund:{what}");
    move_in(
        tx,
        now,
        TransferKind::Refund,
        (clearing, to),
        order,
        &what,
        amount,
    )
    .await
}

/// Spends `amount` of points on order `order`, once per order. The inner error is
/// the refusal the shopper reads (fewer points than shown).
pub async fn spend_points_in(
    tx: &mut Tx,
    now: i64,
    accounts: PointsAccounts,
    order: i64,
    amount: Money,
) -> Result<AppResult<()>, LedgerError> {
    let key = IdempotencyKey::parse(&format!("order:{order}:points"))?;
    let reference = format!("order:{order}");
    let amount = Amount::new(amount)?;
    match points::service::spend_in(tx, now, accounts, amount, &key, &reference).await {
        Ok(()) => Ok(Ok(())),
        Err(LedgerError::Refused(LedgerRefusal::Insufficient { .. })) => Ok(Err(
            AppError::invalid(Field::Points, Problem::MoreThanBalance),
        )),
        Err(e) => Err(e),
    }
}

/// The points `goods` (as paid) earn on receipt by the rule in `points_rules`, in
/// whole points.
async fn earned_on(tx: &mut Tx, goods: Money) -> Result<Money, LedgerError> {
    let percent = points::repo::earn_percent(tx, "receipt")
        .await?
        .unwrap_or(0);
    let k = goods.kopecks() * percent / 100;
    Ok(Money::from_kopecks(k - k % 100))
}

/// Credits the points order `order` earns on receipt of `goods` (as paid), by the
/// rule in `points_rules`, once per `what`: what was earned (nothing below one
/// whole point).
pub async fn earn_points_in(
    tx: &mut Tx,
    now: i64,
    accounts: PointsAccounts,
    order: i64,
    what: &str,
    goods: Money,
) -> Result<Money, LedgerError> {
    let earned = earned_on(tx, goods).await?;
    let Ok(amount) = Amount::new(earned) else {
        return Ok(Money::ZERO);
    };
    let key = IdempotencyKey::parse(&format!("order:{order}:earned:{what}"))?;
    let reference = format!("order:{order}");
    let until = now + points::model::VALID_MS;
    points::service::grant_in(tx, now, accounts, amount, &key, &reference, until).await?;
    Ok(earned)
}

/// Takes back the points order `order` earned on `goods` (as paid) that came back
/// by a return, by the same rule as they were earned, once per `what`: what was
/// taken (no more than the shopper still holds).
pub async fn take_back_points_in(
    tx: &mut Tx,
    now: i64,
    accounts: PointsAccounts,
    order: i64,
    what: &str,
    goods: Money,
) -> Result<Money, LedgerError> {
    let earned = earned_on(tx, goods).await?;
    if earned == Money::ZERO {
        return Ok(Money::ZERO);
    }
    let key = IdempotencyKey::parse(&format!("order:{order}:points-taken:{what}"))?;
    let reference = format!("order:{order}");
    points::service::revoke_in(tx, now, accounts, earned, &key, &reference).await
}

/// Gives back up to `amount` of the points order `order` spent, into their batches,
/// once per `what`: what came back.
pub async fn return_points_in(
    tx: &mut Tx,
    now: i64,
    accounts: PointsAccounts,
    order: i64,
    what: &str,
    amount: Money,
) -> Result<Money, LedgerError> {
    let spend = IdempotencyKey::parse(&format!("order:{order}:points"))?;
    let key = IdempotencyKey::parse(&format!("order:{order}:points-back:{what}"))?;
    let reference = format!("order:{order}");
    let amount = Amount::new(amount)?;
    points::service::return_spent_in(tx, now, accounts, &spend, amount, &key, &reference).await
}
