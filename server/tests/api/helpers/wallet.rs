//! Wallet and deletion steps shared by the wallet's and the orders' tests.

use super::{AppError, Browser, START_MS, TestApp, error_of};
use app::shared::money::Money;
use app::wallet::ledger::model::{AccountKind, Amount, IdempotencyKey, TransferKind};
use app::wallet::ledger::service::{self as ledger, Spec};

impl TestApp {
    /// Money into `user`'s wallet, as a refund from order clearing, under `key`.
    pub async fn fund_wallet(&self, user: i64, roubles: i64, key: &str) {
        let wallet = ledger::account(&self.db, AccountKind::Wallet, user, START_MS)
            .await
            .unwrap();
        let clearing = ledger::account(&self.db, AccountKind::OrderClearing, 0, START_MS)
            .await
            .unwrap();
        let k = IdempotencyKey::parse(key).unwrap();
        let spec = Spec {
            kind: TransferKind::Refund,
            key: &k,
            debit: clearing,
            credit: wallet,
            amount: Amount::new(Money::from_roubles(roubles)).unwrap(),
            reference: "test:funding",
        };
        ledger::transfer(&self.db, START_MS, &spec).await.unwrap();
    }
}

impl Browser {
    /// Asks to delete the signed-in account: the status and the error it answers.
    pub async fn start_deletion(&self) -> (u16, AppError) {
        error_of(
            self.post_form(
                "account/delete/start",
                &[("reason", "other"), ("comment", "")],
            )
            .await,
        )
        .await
    }
}
