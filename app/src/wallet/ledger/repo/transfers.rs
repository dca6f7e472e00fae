//! Reading transfers back: by key, by id, the resolution of a pending one, and an
//! account's whole history.

use crate::shared::money::Money;
use crate::wallet::ledger::model::{Phase, Transfer, TransferKind};
use sqlx::Row;
use sqlx::any::AnyRow;

type Ex<'e> = &'e mut sqlx::AnyConnection;

const TRANSFER_COLUMNS: &str = "id, kind, idempotency_key, debit_account_id, credit_account_id, \
     amount, reference, phase, pending_id, expires_at, created_at";

fn transfer(r: &AnyRow) -> Result<Transfer, sqlx::Error> {
    let bad = |what: &str, v: &str| sqlx::Error::Decode(format!("ledger {what} {v:?}").into());
    let kind: String = r.try_get("kind")?;
    let phase: String = r.try_get("phase")?;
    Ok(Transfer {
        id: r.try_get("id")?,
        kind: TransferKind::parse(&kind).ok_or_else(|| bad("kind", &kind))?,
        key: r.try_get("idempotency_key")?,
        debit: r.try_get("debit_account_id")?,
        credit: r.try_get("credit_account_id")?,
        amount: Money::from_kopecks(r.try_get("amount")?),
        reference: r.try_get("reference")?,
        phase: Phase::parse(&phase).ok_or_else(|| bad("phase", &phase))?,
        pending_id: r.try_get("pending_id")?,
        expires_at: r.try_get("expires_at")?,
        created_at: r.try_get("created_at")?,
    })
}

pub async fn transfer_by_key(
    ex: Ex<'_>,
    kind: TransferKind,
    key: &str,
) -> Result<Option<Transfer>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {TRANSFER_COLUMNS} FROM ledger_transfers WHERE kind = $1 AND idempotency_key = $2"
    ))
    .bind(kind.as_str())
    .bind(key)
    .fetch_optional(ex)
    .await?
    .as_ref()
    .map(transfer)
    .transpose()
}

pub async fn transfer_by_id(ex: Ex<'_>, id: i64) -> Result<Option<Transfer>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {TRANSFER_COLUMNS} FROM ledger_transfers WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await?
    .as_ref()
    .map(transfer)
    .transpose()
}

/// The transfer that resolved a pending one, if any.
pub async fn resolution_of(ex: Ex<'_>, pending_id: i64) -> Result<Option<Transfer>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {TRANSFER_COLUMNS} FROM ledger_transfers WHERE pending_id = $1"
    ))
    .bind(pending_id)
    .fetch_optional(ex)
    .await?
    .as_ref()
    .map(transfer)
    .transpose()
}

/// Every transfer that debits or credits `account`, and the resolutions of its
/// pending ones (which name the same accounts), oldest first.
pub async fn history_of(ex: Ex<'_>, account: i64) -> Result<Vec<Transfer>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {TRANSFER_COLUMNS} FROM ledger_transfers WHERE debit_account_id = $1 \
         UNION ALL SELECT {TRANSFER_COLUMNS} FROM ledger_transfers WHERE credit_account_id = $1 \
         ORDER BY id"
    ))
    .bind(account)
    .fetch_all(ex)
    .await?
    .iter()
    .map(transfer)
    .collect()
}
