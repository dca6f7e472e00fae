//! `server ledger check`: debits equal credits, cached sums equal the transfers',
//! nothing that must not be is below zero.

use crate::platform::db::Db;
use crate::wallet::ledger::model::Sums;
use crate::wallet::ledger::repo::{self, Totals};
use std::fmt;

/// What `server ledger check` found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub totals: Totals,
    /// Accounts whose cached sums differ from their transfers: (id, cached, computed).
    pub drifted: Vec<(i64, Sums, Sums)>,
    /// Floor-zero accounts below zero.
    pub below_zero: Vec<i64>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.totals.debits_posted == self.totals.credits_posted
            && self.totals.debits_pending == self.totals.credits_pending
            && self.drifted.is_empty()
            && self.below_zero.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = &self.totals;
        writeln!(f, "{} accounts, {} transfers", t.accounts, t.transfers)?;
        writeln!(
            f,
            "posted: debits {} = credits {}: {}",
            t.debits_posted,
            t.credits_posted,
            if t.debits_posted == t.credits_posted {
                "ok"
            } else {
                "DIFFERENT"
            }
        )?;
        writeln!(
            f,
            "pending: debits {} = credits {}: {}",
            t.debits_pending,
            t.credits_pending,
            if t.debits_pending == t.credits_pending {
                "ok"
            } else {
                "DIFFERENT"
            }
        )?;
        for (id, cached, computed) in &self.drifted {
            writeln!(
                f,
                "account {id}: cached {cached:?}, from its transfers {computed:?}"
            )?;
        }
        for id in &self.below_zero {
            writeln!(f, "account {id} is below zero")?;
        }
        write!(
            f,
            "{}",
            if self.ok() {
                "ledger check: ok"
            } else {
                "ledger check: FAILED"
            }
        )
    }
}

/// Verifies that debits equal credits, that every account's cached sums equal the
/// sums of its transfers, and that no floor-zero account is below zero. Reads in
/// one transaction, so a transfer committing meanwhile cannot make it disagree.
pub async fn check(db: &Db) -> Result<Report, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    if db.backend == crate::platform::db::Backend::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
    }
    let report = Report {
        totals: repo::totals(&mut tx).await?,
        drifted: repo::drifted_accounts(&mut tx).await?,
        below_zero: repo::below_zero(&mut tx).await?,
    };
    tx.rollback().await?;
    Ok(report)
}
