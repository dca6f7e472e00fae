//! Reading withdrawals: one, the latest, whether one is open, the one awaiting its
//! code, and the details to offer again.

use crate::platform::db::Db;
use crate::shared::error::{AppError, AppResult};
use crate::shared::money::Money;
use crate::wallet::timeline;
use crate::wallet::withdrawals::model::{CodeSent, WithdrawalStatus, WithdrawalView, mask_account};
use crate::wallet::withdrawals::repo::{self, WithdrawalRow};

fn to_view(w: WithdrawalRow, events: Vec<(String, i64)>) -> WithdrawalView {
    WithdrawalView {
        id: w.id,
        amount: Money::from_kopecks(w.amount),
        status: WithdrawalStatus::parse(&w.status).unwrap_or(WithdrawalStatus::InProgress),
        account: mask_account(&w.account_number),
        recipient: w.recipient,
        due_date: w.due_date,
        timeline: events
            .into_iter()
            .filter_map(|(s, at)| WithdrawalStatus::parse(&s).map(|s| (s, at)))
            .collect(),
    }
}

/// Withdrawal `id` of `user`.
pub async fn view(db: &Db, user: i64, id: i64) -> AppResult<WithdrawalView> {
    let mut conn = db.pool.acquire().await?;
    let w = repo::by_id(&mut conn, id)
        .await?
        .filter(|w| w.user_id == user)
        .ok_or(AppError::NotFound)?;
    let events = timeline::of(&mut conn, timeline::WITHDRAWALS, id).await?;
    Ok(to_view(w, events))
}

/// The user's latest withdrawals, newest first.
pub async fn recent(db: &Db, user: i64) -> AppResult<Vec<WithdrawalView>> {
    let mut conn = db.pool.acquire().await?;
    let rows = repo::of_user(&mut conn, user, 10).await?;
    let mut out = Vec::with_capacity(rows.len());
    for w in rows {
        let events = timeline::of(&mut conn, timeline::WITHDRAWALS, w.id).await?;
        out.push(to_view(w, events));
    }
    Ok(out)
}

/// Whether the user has a withdrawal on its way (for deleting the account).
pub async fn has_open(db: &Db, user: i64) -> Result<bool, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    repo::has_open(&mut conn, user).await
}

/// The user's withdrawal waiting for its code, if its code still works.
pub async fn awaiting(db: &Db, now: i64, user: i64) -> AppResult<Option<CodeSent>> {
    let mut conn = db.pool.acquire().await?;
    let w = repo::of_user(&mut conn, user, 1)
        .await?
        .into_iter()
        .next()
        .filter(|w| w.status == WithdrawalStatus::AwaitingCode.as_str() && now < w.code_expires_at);
    drop(conn);
    let Some(w) = w else {
        return Ok(None);
    };
    let to = crate::account::phone_of(db, user)
        .await?
        .map(|p| p.masked())
        .unwrap_or_default();
    Ok(Some(CodeSent { id: w.id, to }))
}

/// The bank details of the user's latest confirmed withdrawal, to fill the form again.
pub async fn saved_details(
    db: &Db,
    user: i64,
) -> AppResult<Option<crate::wallet::withdrawals::model::SavedDetails>> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::last_details(&mut conn, user)
        .await?
        .map(
            |(recipient, bik, account_number)| crate::wallet::withdrawals::model::SavedDetails {
                recipient,
                bik,
                account_number,
            },
        ))
}
