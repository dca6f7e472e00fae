//! Card top-ups: start one (reserve the amount as incoming, create the payment with
//! an idempotence key, send the shopper to confirm it), and bring it in line with
//! the provider's API whenever anything happens: the shopper's return, a
//! notification (whose body is never trusted), or the reconciling job. The money is
//! credited exactly once: the ledger posts the reservation under one key, and the
//! top-up's status changes from pending to final once.

use crate::payments::{NewPayment, PaymentError, PaymentStatus};
use crate::platform::db::{Db, lock_keys};
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult};
use crate::shared::money::Money;
use crate::wallet::ledger::model::{
    AccountKind, Amount, IdempotencyKey, LedgerRefusal, TransferKind,
};
use crate::wallet::ledger::service::{self as ledger, LedgerError, Resolve, Spec, retry};
use crate::wallet::timeline;
use crate::wallet::topups::model::{HOLD_MS, RECONCILE_AFTER_MS, TopUpStatus, TopUpView};
use crate::wallet::topups::repo::{self, TopUpRow};

/// Starts a top-up of `amount` for `user`: answers the provider's page to send the
/// shopper to. The amount shows as incoming until the provider says how it ended.
pub async fn start(deps: &Deps<'_>, user: i64, amount: Money) -> AppResult<String> {
    let db = deps.db;
    let now = deps.now;
    let amount = Amount::new(amount).map_err(AppError::internal)?;
    let acquiring = ledger::account(db, AccountKind::CardAcquiring, 0, now).await?;
    let wallet = ledger::account(db, AccountKind::Wallet, user, now).await?;
    let idempotence_key = crate::platform::security::random_token();
    let id = retry(db, || async {
        let mut tx = db.begin_write().await?;
        let id = repo::insert(&mut tx, user, amount.kopecks(), &idempotence_key, now).await?;
        let key = IdempotencyKey::parse(&format!("topup:{id}"))?;
        let reference = format!("topup:{id}");
        let spec = Spec {
            kind: TransferKind::TopUp,
            key: &key,
            debit: acquiring,
            credit: wallet,
            amount,
            reference: &reference,
        };
        let t = ledger::transfer_in(&mut tx, now, &spec, Some(now + HOLD_MS)).await?;
        repo::set_pending_transfer(&mut tx, id, t.id).await?;
        timeline::add(
            &mut tx,
            timeline::TOPUPS,
            id,
            TopUpStatus::Created.as_str(),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    })
    .await?;
    let payment = NewPayment {
        amount: amount.money(),
        idempotence_key,
        return_url: format!("{}/account/wallet/topup/{id}", deps.settings.public_url),
        description: format!("Пополнение Rynok Счёта № {id}"),
        reference: format!("topup:{id}"),
    };
    // A provider that cannot be reached now leaves the top-up created; the job asks
    // again with the same idempotence key, so it never becomes two payments.
    let p = deps.payments.create(&payment).await.map_err(|e| {
        tracing::warn!(error = %e, topup = id, "creating the payment failed");
        AppError::internal(e)
    })?;
    apply(db, now, id, &p).await?;
    p.confirmation_url
        .filter(|_| p.status == PaymentStatus::Pending)
        .ok_or_else(|| AppError::internal("the provider gave no confirmation page"))
}

/// Brings the top-up of the provider's payment `payment_id` in line with what the
/// provider's API says about it: for notifications, which name a payment and are
/// otherwise not believed. An unknown payment is no business of ours.
pub async fn on_notification(deps: &Deps<'_>, payment_id: &str) -> AppResult<()> {
    let row = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::by_payment(&mut conn, payment_id).await?
    };
    match row {
        Some(r) => sync(deps, r.id).await.map(|_| ()),
        None => {
            tracing::info!(payment_id, "notification about a payment that is not ours");
            Ok(())
        }
    }
}

/// Asks the provider about top-up `id` and applies the answer: the top-up as it
/// stands afterwards.
pub async fn sync(deps: &Deps<'_>, id: i64) -> AppResult<TopUpRow> {
    let current = row(deps.db, id).await?;
    if TopUpStatus::parse(&current.status).is_some_and(TopUpStatus::is_final) {
        return Ok(current);
    }
    let payment = match &current.payment_id {
        Some(pid) => deps.payments.get(pid).await,
        // Created but the provider's answer was lost: the same key answers the same
        // payment (or creates it now).
        None => {
            let np = NewPayment {
                amount: Money::from_kopecks(current.amount),
                idempotence_key: current.idempotence_key.clone(),
                return_url: format!("{}/account/wallet/topup/{id}", deps.settings.public_url),
                description: format!("Пополнение Rynok Счёта № {id}"),
                reference: format!("topup:{id}"),
            };
            deps.payments.create(&np).await
        }
    };
    match payment {
        Ok(p) => apply(deps.db, deps.now, id, &p).await?,
        Err(PaymentError::NotFound) => {
            tracing::warn!(topup = id, "the provider does not know the payment");
        }
        Err(e) => {
            tracing::warn!(error = %e, topup = id, "asking the provider failed");
            let mut conn = deps.db.pool.acquire().await?;
            repo::touch(&mut conn, id, deps.now).await?;
        }
    }
    row(deps.db, id).await
}

async fn row(db: &Db, id: i64) -> AppResult<TopUpRow> {
    let mut conn = db.pool.acquire().await?;
    repo::by_id(&mut conn, id).await?.ok_or(AppError::NotFound)
}

/// Applies the provider's answer about a payment to top-up `id`, in one transaction:
/// succeeded posts the reservation, cancelled voids it, anything else records that
/// the provider was asked. A second answer after a final one changes nothing.
async fn apply(db: &Db, now: i64, id: i64, p: &crate::payments::Payment) -> AppResult<()> {
    let amount = Money::from_kopecks(row(db, id).await?.amount);
    if p.status == PaymentStatus::Succeeded && p.amount != amount {
        // Never credit what we did not ask for; a person has to look at it.
        return Err(AppError::internal(format!(
            "payment {} for top-up {id} is {:?}, not {amount:?}",
            p.id, p.amount
        )));
    }
    retry(db, || async {
        let mut tx = db.begin_write().await?;
        lock_keys(&mut tx, &[format!("topup:{id}")]).await?;
        let Some(r) = repo::by_id(&mut tx, id).await? else {
            return Ok(());
        };
        if r.payment_id.is_none() {
            repo::set_payment(&mut tx, id, &p.id, p.confirmation_url.as_deref(), now).await?;
            timeline::add(
                &mut tx,
                timeline::TOPUPS,
                id,
                TopUpStatus::Pending.as_str(),
                now,
            )
            .await?;
        }
        let (status, how) = match p.status {
            PaymentStatus::Succeeded => (TopUpStatus::Succeeded, Resolve::Post(None)),
            PaymentStatus::Canceled => (TopUpStatus::Canceled, Resolve::Void),
            PaymentStatus::Pending | PaymentStatus::WaitingForCapture => {
                repo::touch(&mut tx, id, now).await?;
                tx.commit().await?;
                return Ok(());
            }
        };
        if !repo::finish(
            &mut tx,
            id,
            status.as_str(),
            p.cancellation_reason.as_deref(),
            now,
        )
        .await?
        {
            // Already final: a repeated notification, a second return.
            return Ok(());
        }
        timeline::add(&mut tx, timeline::TOPUPS, id, status.as_str(), now).await?;
        let (amount, reason) = (
            Money::from_kopecks(r.amount).to_string(),
            p.cancellation_reason.clone(),
        );
        timeline::tell(
            &mut tx,
            r.user_id,
            now,
            "topup",
            id,
            status.as_str(),
            format!("/account/wallet/topup/{id}"),
            |lang| {
                let mut state = crate::wallet::i18n::topup_status_text(lang, status).to_string();
                if let Some(why) = reason.as_deref() {
                    state = format!("{state} ({})", crate::wallet::i18n::reason_text(lang, why));
                }
                crate::i18n::fill(lang.wallet().notice_topup, &[&amount, &state])
            },
        )
        .await?;
        if let Some(pending) = r.pending_transfer_id {
            settle(&mut tx, now, &r, pending, how).await?;
        }
        tx.commit().await?;
        if status == TopUpStatus::Succeeded {
            tracing::info!(topup = id, amount = r.amount, "top-up credited");
        }
        Ok(())
    })
    .await?;
    Ok(())
}

/// Posts or voids the top-up's reservation. If the reservation lapsed before the
/// provider's word came (a week), a success is credited by a transfer of its own.
async fn settle(
    tx: &mut crate::platform::db::Tx,
    now: i64,
    r: &TopUpRow,
    pending: i64,
    how: Resolve,
) -> Result<(), LedgerError> {
    let key = IdempotencyKey::parse(&format!("topup:{}:settle", r.id))?;
    match ledger::resolve_in(tx, now, pending, how, &key).await {
        Ok(_) => Ok(()),
        Err(LedgerError::Refused(LedgerRefusal::Expired | LedgerRefusal::Resolved(_)))
            if how != Resolve::Void =>
        {
            let p = ledger::find_by_id_in(tx, pending)
                .await?
                .ok_or(LedgerRefusal::NotPending)?;
            let key = IdempotencyKey::parse(&format!("topup:{}:late", r.id))?;
            let reference = format!("topup:{}", r.id);
            let spec = Spec {
                kind: TransferKind::TopUp,
                key: &key,
                debit: p.debit,
                credit: p.credit,
                amount: Amount::new(p.amount)?,
                reference: &reference,
            };
            ledger::transfer_in(tx, now, &spec, None).await.map(|_| ())
        }
        Err(LedgerError::Refused(LedgerRefusal::Expired | LedgerRefusal::Resolved(_))) => Ok(()),
        Err(e) => Err(e),
    }
}

/// The job: asks the provider about top-ups it has not heard of for a while (a lost
/// notification, a closed tab). Answers how many it asked about.
pub async fn reconcile(deps: &Deps<'_>) -> AppResult<usize> {
    let ids = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::stale(&mut conn, deps.now - RECONCILE_AFTER_MS, 100).await?
    };
    for id in &ids {
        sync(deps, *id).await?;
    }
    Ok(ids.len())
}

/// Top-up `id` of `user` as its page shows it, after asking the provider if it is
/// not final yet (the shopper back from the provider's page may arrive before its
/// notification).
pub async fn view(deps: &Deps<'_>, user: i64, id: i64) -> AppResult<TopUpView> {
    let r = row(deps.db, id).await?;
    if r.user_id != user {
        return Err(AppError::NotFound);
    }
    let r = sync(deps, id).await?;
    let mut conn = deps.db.pool.acquire().await?;
    let timeline = timeline::of(&mut conn, timeline::TOPUPS, id)
        .await?
        .into_iter()
        .filter_map(|(s, at)| TopUpStatus::parse(&s).map(|s| (s, at)))
        .collect();
    let status = TopUpStatus::parse(&r.status).unwrap_or(TopUpStatus::Pending);
    Ok(TopUpView {
        id,
        amount: Money::from_kopecks(r.amount),
        status,
        reason: r.reason,
        confirmation_url: r
            .confirmation_url
            .filter(|_| status == TopUpStatus::Pending),
        timeline,
    })
}
