//! Rynok Account (the wallet), bonus points and gift certificates. Money moves only
//! through the ledger.

pub mod card;
pub mod certificates;
pub mod i18n;
pub mod ledger;
#[cfg(feature = "ssr")]
pub mod orders;
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

/// What orders ask of the wallet (see `orders.rs`).
#[cfg(feature = "ssr")]
pub use orders::{
    card_accounts, card_paid_in, earn_points_in, order_accounts, pay_order_in, points_accounts,
    receipt_accounts, refund_order_in, return_points_in, spend_points_in, take_back_points_in,
    take_on_receipt_in,
};
#[cfg(feature = "ssr")]
pub use points::service::PointsAccounts;

/// The most bonus points may pay for `goods`: 25 %, whole points.
pub fn points_cap(goods: crate::shared::money::Money) -> crate::shared::money::Money {
    points::model::cap(goods)
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
