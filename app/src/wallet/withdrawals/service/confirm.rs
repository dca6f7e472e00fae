//! Confirming a withdrawal by its code: the amount reserved at once, the payout asked for.

use super::read::view;
use super::shared::{bound, submit, tell, tell_in_app};
use crate::account::wrong_code;
use crate::platform::db::lock_keys;
use crate::platform::request::Requester;
use crate::platform::state::Deps;
use crate::shared::calendar::add_business_days;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;
use crate::shared::time::date_of;
use crate::wallet::ledger::model::{
    AccountKind, Amount, IdempotencyKey, LedgerRefusal, TransferKind,
};
use crate::wallet::ledger::service::{self as ledger, LedgerError, Spec, retry};
use crate::wallet::withdrawals::model::{
    PROMISED_BUSINESS_DAYS, RESERVE_MS, WithdrawalStatus, WithdrawalView,
};
use crate::wallet::withdrawals::repo;
use crate::wallet::{proof, timeline};

/// Confirms withdrawal `id` with the code from the phone: reserves the amount and
/// hands it to the payout provider. A second confirmation is refused.
pub async fn confirm(
    deps: &Deps<'_>,
    req: &Requester,
    user: i64,
    id: i64,
    code: &str,
) -> AppResult<WithdrawalView> {
    let code = proof::typed_code(code)?;
    let now = deps.now;
    let wallet = ledger::account(deps.db, AccountKind::Wallet, user, now).await?;
    let payouts = ledger::account(deps.db, AccountKind::Payouts, 0, now).await?;
    let outcome = retry(deps.db, || async {
        let mut tx = deps.db.begin_write().await?;
        lock_keys(&mut tx, &[format!("withdrawal:{user}")]).await?;
        let Some(w) = repo::by_id(&mut tx, id)
            .await?
            .filter(|w| w.user_id == user)
        else {
            return Ok(Err(AppError::NotFound));
        };
        let waiting = proof::Waiting {
            awaiting: w.status == WithdrawalStatus::AwaitingCode.as_str(),
            expires_at: w.code_expires_at,
            failures: w.failures,
            salt: &w.salt,
            mac: &w.code_hash,
        };
        let bound = bound(code, w.amount, &w.bik, &w.account_number, &w.recipient);
        let matched = match proof::matches(&deps.settings.secret, now, &waiting, &bound) {
            Ok(m) => m,
            Err(e) => return Ok(Err(e)),
        };
        if !matched {
            let failures = repo::add_failure(&mut tx, id).await?;
            tx.commit().await?;
            return Ok(Err(wrong_code(failures)));
        }
        let key = IdempotencyKey::parse(&format!("withdrawal:{id}"))?;
        let reference = format!("withdrawal:{id}");
        let spec = Spec {
            kind: TransferKind::Withdrawal,
            key: &key,
            debit: wallet,
            credit: payouts,
            amount: Amount::new(Money::from_kopecks(w.amount))?,
            reference: &reference,
        };
        let t = match ledger::transfer_in(&mut tx, now, &spec, Some(now + RESERVE_MS)).await {
            Ok(t) => t,
            Err(LedgerError::Refused(LedgerRefusal::Insufficient { .. })) => {
                return Ok(Err(AppError::invalid(
                    Field::Amount,
                    Problem::MoreThanBalance,
                )));
            }
            Err(e) => return Err(e),
        };
        let due = add_business_days(&date_of(now), PROMISED_BUSINESS_DAYS)
            .unwrap_or_else(|| date_of(now + 5 * 86_400_000));
        repo::advance(
            &mut tx,
            id,
            WithdrawalStatus::AwaitingCode.as_str(),
            WithdrawalStatus::InProgress.as_str(),
            now,
        )
        .await?;
        repo::set_confirmed(&mut tx, id, t.id, &due).await?;
        timeline::add(
            &mut tx,
            timeline::WITHDRAWALS,
            id,
            WithdrawalStatus::InProgress.as_str(),
            now,
        )
        .await?;
        tell_in_app(&mut tx, now, &w, WithdrawalStatus::InProgress, Some(&due)).await?;
        tx.commit().await?;
        Ok(Ok(()))
    })
    .await?;
    outcome?;
    submit(deps, id).await;
    tell(deps, req.lang, user, id).await;
    view(deps.db, user, id).await
}
