//! The job: the payout provider's word posts or returns what was reserved.

use super::shared::{row, submit, tell, tell_in_app};
use crate::platform::state::Deps;
use crate::shared::error::AppResult;
use crate::shared::time::date_of;
use crate::wallet::ledger::model::IdempotencyKey;
use crate::wallet::ledger::service::{self as ledger, Resolve, retry};
use crate::wallet::timeline;
use crate::wallet::withdrawals::model::WithdrawalStatus;
use crate::wallet::withdrawals::repo;

/// The job: asks the payout provider about withdrawals on their way; posts the
/// reservation of those paid, voids (returns to the wallet) those that failed.
pub async fn settle(deps: &Deps<'_>) -> AppResult<usize> {
    let ids = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::in_progress(&mut conn, 500).await?
    };
    let mut changed = 0;
    for id in ids {
        let Some(w) = row(deps.db, id).await? else {
            continue;
        };
        let Some(payout_ref) = w.payout_ref.clone() else {
            submit(deps, id).await;
            continue;
        };
        let state = match deps.payouts.status(&payout_ref, &date_of(deps.now)).await {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!(error = %e, withdrawal = id, "asking the payout provider failed");
                continue;
            }
        };
        let (to, how) = match state {
            crate::payments::PayoutState::InProgress => continue,
            crate::payments::PayoutState::Paid => (WithdrawalStatus::Paid, Resolve::Post(None)),
            crate::payments::PayoutState::Failed(_) => (WithdrawalStatus::Returned, Resolve::Void),
        };
        let done = retry(deps.db, || async {
            let mut tx = deps.db.begin_write().await?;
            if !repo::advance(
                &mut tx,
                id,
                WithdrawalStatus::InProgress.as_str(),
                to.as_str(),
                deps.now,
            )
            .await?
            {
                return Ok(false);
            }
            timeline::add(&mut tx, timeline::WITHDRAWALS, id, to.as_str(), deps.now).await?;
            tell_in_app(&mut tx, deps.now, &w, to, None).await?;
            if let Some(pending) = w.pending_transfer_id {
                let key = IdempotencyKey::parse(&format!("withdrawal:{id}:{}", to.as_str()))?;
                ledger::resolve_in(&mut tx, deps.now, pending, how, &key).await?;
            }
            tx.commit().await?;
            Ok(true)
        })
        .await?;
        if done {
            changed += 1;
            tell(deps, crate::i18n::Lang::Ru, w.user_id, id).await;
        }
    }
    Ok(changed)
}
