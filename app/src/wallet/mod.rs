//! Rynok Account (the wallet), bonus points and gift certificates. Money moves only
//! through the ledger.

pub mod card;
pub mod certificates;
pub mod i18n;
pub mod ledger;
pub mod points;
#[cfg(feature = "ssr")]
pub mod proof;
pub mod routes;
pub mod statement;
#[cfg(feature = "ssr")]
pub mod timeline;
pub mod topups;
pub mod withdrawals;

// The public face: what the shell and the server use.
pub use routes::{CardRoute, PointsRoute, TopUpRoute, WalletRoute};
pub use statement::model::{Receipt, ReceiptMethod};
#[cfg(feature = "ssr")]
pub use statement::service::{csv as statement_csv, receipts as order_receipts, statement};

#[cfg(feature = "ssr")]
pub use ledger::service::{LedgerError, retry};

/// The accounts an order paid from the wallet moves money between: (the shopper's
/// wallet, order clearing), opened if missing. Called before the order's
/// transaction (on SQLite that transaction holds the one writer).
#[cfg(feature = "ssr")]
pub async fn order_accounts(
    db: &crate::platform::db::Db,
    user: i64,
    now: i64,
) -> crate::shared::error::AppResult<(i64, i64)> {
    use ledger::model::AccountKind;
    Ok((
        ledger::service::account(db, AccountKind::Wallet, user, now).await?,
        ledger::service::account(db, AccountKind::OrderClearing, 0, now).await?,
    ))
}

/// Pays order `order` from the shopper's wallet inside the order's transaction,
/// once per order (its key is the order's). The inner error is the refusal a
/// shopper reads (not enough money); the outer one a storage failure, which the
/// caller's `retry` may try again.
#[cfg(feature = "ssr")]
pub async fn pay_order_in(
    tx: &mut crate::platform::db::Tx,
    now: i64,
    (wallet, clearing): (i64, i64),
    order: i64,
    amount: crate::shared::money::Money,
) -> Result<crate::shared::error::AppResult<()>, LedgerError> {
    use crate::shared::error::{AppError, Field, Problem};
    use ledger::model::{Amount, IdempotencyKey, LedgerRefusal, TransferKind};
    let key = IdempotencyKey::parse(&format!("order:{order}:wallet"))?;
    let reference = format!("order:{order}");
    let spec = ledger::service::Spec {
        kind: TransferKind::OrderPayment,
        key: &key,
        debit: wallet,
        credit: clearing,
        amount: Amount::new(amount)?,
        reference: &reference,
    };
    match ledger::service::transfer_in(tx, now, &spec, None).await {
        Ok(_) => Ok(Ok(())),
        Err(LedgerError::Refused(LedgerRefusal::Insufficient { .. })) => Ok(Err(
            AppError::invalid(Field::Amount, Problem::MoreThanBalance),
        )),
        Err(e) => Err(e),
    }
}

/// The accounts an order paid by card moves money between: (card acquiring, order
/// clearing), opened if missing.
#[cfg(feature = "ssr")]
pub async fn card_accounts(
    db: &crate::platform::db::Db,
    now: i64,
) -> crate::shared::error::AppResult<(i64, i64)> {
    use ledger::model::AccountKind;
    Ok((
        ledger::service::account(db, AccountKind::CardAcquiring, 0, now).await?,
        ledger::service::account(db, AccountKind::OrderClearing, 0, now).await?,
    ))
}

/// Records order `order`'s card payment of `amount` (the provider said it
/// succeeded) inside the transaction that marks it paid, once per order.
#[cfg(feature = "ssr")]
pub async fn card_paid_in(
    tx: &mut crate::platform::db::Tx,
    now: i64,
    (acquiring, clearing): (i64, i64),
    order: i64,
    amount: crate::shared::money::Money,
) -> Result<(), LedgerError> {
    use ledger::model::{Amount, IdempotencyKey, TransferKind};
    let key = IdempotencyKey::parse(&format!("order:{order}:card"))?;
    let reference = format!("order:{order}");
    let spec = ledger::service::Spec {
        kind: TransferKind::OrderPayment,
        key: &key,
        debit: acquiring,
        credit: clearing,
        amount: Amount::new(amount)?,
        reference: &reference,
    };
    ledger::service::transfer_in(tx, now, &spec, None)
        .await
        .map(|_| ())
}

/// Gives `amount` of order `order`'s payment back inside the transaction that
/// cancels (or returns) it, once per `what` (a line's id, or "all" for what was
/// left): to the shopper's wallet with (wallet, clearing), or towards the card with
/// (card acquiring, clearing). A second run finds the transfer by its key.
#[cfg(feature = "ssr")]
pub async fn refund_order_in(
    tx: &mut crate::platform::db::Tx,
    now: i64,
    (wallet, clearing): (i64, i64),
    order: i64,
    what: &str,
    amount: crate::shared::money::Money,
) -> Result<(), LedgerError> {
    use ledger::model::{Amount, IdempotencyKey, TransferKind};
    let key = IdempotencyKey::parse(&format!("order:{order}:refund:{what}"))?;
    let reference = format!("order:{order}");
    let spec = ledger::service::Spec {
        kind: TransferKind::Refund,
        key: &key,
        debit: clearing,
        credit: wallet,
        amount: Amount::new(amount)?,
        reference: &reference,
    };
    ledger::service::transfer_in(tx, now, &spec, None)
        .await
        .map(|_| ())
}

/// The accounts a payment on receipt moves money between: (pickup points' takings,
/// order clearing), opened if missing, before the hand-over's transaction.
#[cfg(feature = "ssr")]
pub async fn receipt_accounts(
    db: &crate::platform::db::Db,
    now: i64,
) -> crate::shared::error::AppResult<(i64, i64)> {
    use ledger::model::AccountKind;
    Ok((
        ledger::service::account(db, AccountKind::PointTakings, 0, now).await?,
        ledger::service::account(db, AccountKind::OrderClearing, 0, now).await?,
    ))
}

/// Records `amount` a pickup point took on receipt for order `order`, inside the
/// hand-over's transaction, once per `what` (the hand-over).
#[cfg(feature = "ssr")]
pub async fn take_on_receipt_in(
    tx: &mut crate::platform::db::Tx,
    now: i64,
    (takings, clearing): (i64, i64),
    order: i64,
    what: &str,
    amount: crate::shared::money::Money,
) -> Result<(), LedgerError> {
    use ledger::model::{Amount, IdempotencyKey, TransferKind};
    let key = IdempotencyKey::parse(&format!("order:{order}:receipt:{what}"))?;
    let reference = format!("order:{order}");
    let spec = ledger::service::Spec {
        kind: TransferKind::OrderPayment,
        key: &key,
        debit: takings,
        credit: clearing,
        amount: Amount::new(amount)?,
        reference: &reference,
    };
    ledger::service::transfer_in(tx, now, &spec, None)
        .await
        .map(|_| ())
}

/// The ledger accounts an order's points move between, opened before its transaction.
#[cfg(feature = "ssr")]
pub use points::service::PointsAccounts;

/// The most bonus points may pay for `goods`: 25 %, whole points.
pub fn points_cap(goods: crate::shared::money::Money) -> crate::shared::money::Money {
    points::model::cap(goods)
}

/// Opens (if missing) `user`'s points accounts.
#[cfg(feature = "ssr")]
pub async fn points_accounts(
    db: &crate::platform::db::Db,
    now: i64,
    user: i64,
) -> crate::shared::error::AppResult<PointsAccounts> {
    Ok(points::service::accounts(db, now, user).await?)
}

/// Spends `amount` of points on order `order` inside its transaction, once per
/// order. The inner error is the refusal the shopper reads (fewer points than
/// shown); the outer one a storage failure.
#[cfg(feature = "ssr")]
pub async fn spend_points_in(
    tx: &mut crate::platform::db::Tx,
    now: i64,
    accounts: PointsAccounts,
    order: i64,
    amount: crate::shared::money::Money,
) -> Result<crate::shared::error::AppResult<()>, LedgerError> {
    use crate::shared::error::{AppError, Field, Problem};
    use ledger::model::{Amount, IdempotencyKey, LedgerRefusal};
    let key = IdempotencyKey::parse(&format!("order:{order}:points"))?;
    let reference = format!("order:{order}");
    match points::service::spend_in(tx, now, accounts, Amount::new(amount)?, &key, &reference).await
    {
        Ok(()) => Ok(Ok(())),
        Err(LedgerError::Refused(LedgerRefusal::Insufficient { .. })) => Ok(Err(
            AppError::invalid(Field::Points, Problem::MoreThanBalance),
        )),
        Err(e) => Err(e),
    }
}

/// Credits the points order `order` earns on receipt of `goods` (as paid), by the
/// rule in `points_rules`, inside the hand-over's transaction, once per `what`:
/// what was earned (nothing below one whole point).
#[cfg(feature = "ssr")]
pub async fn earn_points_in(
    tx: &mut crate::platform::db::Tx,
    now: i64,
    accounts: PointsAccounts,
    order: i64,
    what: &str,
    goods: crate::shared::money::Money,
) -> Result<crate::shared::money::Money, LedgerError> {
    use crate::shared::money::Money;
    use ledger::model::{Amount, IdempotencyKey};
    let percent = points::repo::earn_percent(tx, "receipt")
        .await?
        .unwrap_or(0);
    let k = goods.kopecks() * percent / 100;
    let earned = Money::from_kopecks(k - k % 100);
    let Ok(amount) = Amount::new(earned) else {
        return Ok(Money::ZERO);
    };
    let key = IdempotencyKey::parse(&format!("order:{order}:earned:{what}"))?;
    let reference = format!("order:{order}");
    let until = now + points::model::VALID_MS;
    points::service::grant_in(tx, now, accounts, amount, &key, &reference, until).await?;
    Ok(earned)
}

/// Gives back up to `amount` of the points order `order` spent, into their batches,
/// inside the cancelling transaction, once per `what`: what came back.
#[cfg(feature = "ssr")]
pub async fn return_points_in(
    tx: &mut crate::platform::db::Tx,
    now: i64,
    accounts: PointsAccounts,
    order: i64,
    what: &str,
    amount: crate::shared::money::Money,
) -> Result<crate::shared::money::Money, LedgerError> {
    use ledger::model::{Amount, IdempotencyKey};
    let spend = IdempotencyKey::parse(&format!("order:{order}:points"))?;
    let key = IdempotencyKey::parse(&format!("order:{order}:points-back:{what}"))?;
    let reference = format!("order:{order}");
    points::service::return_spent_in(
        tx,
        now,
        accounts,
        &spend,
        Amount::new(amount)?,
        &key,
        &reference,
    )
    .await
}

/// What the header's account menu shows: the wallet's balance that can be spent
/// now and the points, both zero for an account that never had any (one query).
#[cfg(feature = "ssr")]
pub async fn menu_balances(
    db: &crate::platform::db::Db,
    user: i64,
) -> crate::shared::error::AppResult<(crate::shared::money::Money, crate::shared::money::Money)> {
    use ledger::model::AccountKind;
    let [wallet, points] =
        ledger::service::owner_sums(db, user, [AccountKind::Wallet, AccountKind::Points]).await?;
    Ok((wallet.available(), points.available()))
}

/// What Rynok Account says against deleting the account: money left in it (posted
/// or reserved), a withdrawal on its way, a top-up waiting for the bank. Points are
/// forfeited, and the deletion page says so.
#[cfg(feature = "ssr")]
pub async fn deletion_blockers(
    db: &crate::platform::db::Db,
    user: i64,
) -> crate::shared::error::AppResult<Vec<crate::shared::error::Blocker>> {
    use crate::shared::error::Blocker;
    let mut out = Vec::new();
    let sums =
        match ledger::service::find_account(db, ledger::model::AccountKind::Wallet, user).await? {
            Some(wallet) => ledger::service::sums(db, wallet).await?,
            None => Default::default(),
        };
    if sums.posted().kopecks() != 0 {
        out.push(Blocker::WalletNotEmpty);
    }
    if withdrawals::service::has_open(db, user).await? {
        out.push(Blocker::WithdrawalInProgress);
    }
    if sums.incoming().kopecks() > 0 {
        out.push(Blocker::TopUpInProgress);
    }
    if card::service::has_open(db, user).await? {
        out.push(Blocker::CardOpen);
    }
    Ok(out)
}
