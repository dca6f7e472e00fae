//! Withdrawals: asked for with the amount and the bank details, confirmed by a code
//! to the phone bound to exactly those, reserved in the ledger at once, paid out
//! by the payout provider, and posted when it pays or returned when it fails.

use crate::account::{OtpTarget, code_for, code_mac, wrong_code};
use crate::notify::Message;
use crate::platform::db::{Db, lock_keys};
use crate::platform::request::Requester;
use crate::platform::state::Deps;
use crate::shared::calendar::add_business_days;
use crate::shared::error::{AppError, AppResult, Blocker, Field, Problem};
use crate::shared::money::Money;
use crate::shared::time::date_of;
use crate::wallet::certificates::model::moscow_day_start;
use crate::wallet::ledger::model::{
    AccountKind, Amount, IdempotencyKey, LedgerRefusal, TransferKind,
};
use crate::wallet::ledger::service::{self as ledger, LedgerError, Resolve, Spec, retry};
use crate::wallet::timeline;
use crate::wallet::withdrawals::model::{
    AccountNumber, Bik, CODE_TTL_MS, CodeSent, DAILY_LIMIT, HOLD_AFTER_CONTACT_CHANGE_MS,
    PROMISED_BUSINESS_DAYS, RESERVE_MS, RecipientName, WithdrawalStatus, WithdrawalView,
    check_amount,
};
use crate::wallet::withdrawals::repo::{self, NewWithdrawal, WithdrawalRow};

/// What the withdrawal form sends.
pub struct Request<'a> {
    pub amount: &'a str,
    pub recipient: &'a str,
    pub bik: &'a str,
    pub account_number: &'a str,
}

/// What the code is bound to: a code sent for one withdrawal confirms no other.
fn bound(code: &str, amount: i64, bik: &str, account: &str, recipient: &str) -> String {
    format!("{code}|{amount}|{bik}|{account}|{recipient}")
}

/// Checks the withdrawal and sends a code for it to the account's phone.
pub async fn start(
    deps: &Deps<'_>,
    req: &Requester,
    user: i64,
    f: Request<'_>,
) -> AppResult<CodeSent> {
    let recipient = RecipientName::parse(f.recipient)?;
    let bik = Bik::parse(f.bik)?;
    let account = AccountNumber::parse(f.account_number, &bik)?;
    let amount = Money::parse_roubles(f.amount).map_err(|e| {
        use crate::shared::money::MoneyParseError;
        AppError::invalid(
            Field::Amount,
            match e {
                MoneyParseError::Empty => Problem::Empty,
                _ => Problem::Malformed,
            },
        )
    })?;
    let wallet = ledger::account(deps.db, AccountKind::Wallet, user, deps.now).await?;
    let available = ledger::sums(deps.db, wallet).await?.available();
    check_amount(amount, available)?;
    if let Some(at) = crate::account::last_contact_change(deps.db, user).await?
        && deps.now - at < HOLD_AFTER_CONTACT_CHANGE_MS
    {
        return Err(AppError::Blocked {
            reasons: vec![Blocker::ContactChangedRecently],
        });
    }
    let phone = crate::account::phone_of(deps.db, user)
        .await?
        .ok_or(AppError::Blocked {
            reasons: vec![Blocker::NoContact],
        })?;
    let target = OtpTarget::Phone(phone.clone(), crate::account::OtpChannel::Sms);
    let mut tx = deps.db.begin_write().await?;
    lock_keys(&mut tx, &[format!("withdrawal:{user}")]).await?;
    let today = repo::withdrawn_since(&mut tx, user, moscow_day_start(deps.now)).await?;
    if today + amount.kopecks() > DAILY_LIMIT.kopecks() {
        return Err(AppError::invalid(Field::Amount, Problem::DailyLimit));
    }
    let (salt, code) = code_for(&mut tx, deps.settings, &target, &req.ip, deps.now).await?;
    repo::cancel_awaiting(&mut tx, user, deps.now).await?;
    let mac = code_mac(
        &deps.settings.secret,
        &salt,
        &bound(
            &code,
            amount.kopecks(),
            bik.as_str(),
            account.as_str(),
            recipient.as_str(),
        ),
    );
    let id = repo::insert(
        &mut tx,
        &NewWithdrawal {
            user_id: user,
            amount: amount.kopecks(),
            recipient: recipient.as_str(),
            bik: bik.as_str(),
            account_number: account.as_str(),
            salt: &salt,
            code_hash: &mac,
            code_expires_at: deps.now + CODE_TTL_MS,
            now: deps.now,
        },
    )
    .await?;
    timeline::add(
        &mut tx,
        timeline::WITHDRAWALS,
        id,
        WithdrawalStatus::AwaitingCode.as_str(),
        deps.now,
    )
    .await?;
    tx.commit().await?;
    let d = req.lang.wallet();
    let text = crate::i18n::fill(
        d.sms_withdrawal_code,
        &[&code, &amount.to_string(), &account.masked()],
    );
    deps.notifier
        .send(&Message::Sms {
            to: phone.clone(),
            text,
        })
        .await
        .map_err(AppError::internal)?;
    Ok(CodeSent {
        id,
        to: phone.masked(),
    })
}

/// Confirms withdrawal `id` with the code from the phone: reserves the amount and
/// hands it to the payout provider. A second confirmation is refused.
pub async fn confirm(
    deps: &Deps<'_>,
    req: &Requester,
    user: i64,
    id: i64,
    code: &str,
) -> AppResult<WithdrawalView> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::invalid(Field::Code, Problem::SixDigits));
    }
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
        if w.status != WithdrawalStatus::AwaitingCode.as_str() || now >= w.code_expires_at {
            return Ok(Err(AppError::CodeExpired));
        }
        if w.failures >= crate::account::MAX_CODE_FAILURES {
            return Ok(Err(AppError::CodeBurned));
        }
        let mac = code_mac(
            &deps.settings.secret,
            &w.salt,
            &bound(code, w.amount, &w.bik, &w.account_number, &w.recipient),
        );
        if mac != w.code_hash {
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

/// Hands a confirmed withdrawal to the payout provider, unless it has been. A
/// provider that cannot be reached now is asked again by the job.
async fn submit(deps: &Deps<'_>, id: i64) {
    let Ok(Some(w)) = row(deps.db, id).await else {
        return;
    };
    if w.payout_ref.is_some() {
        return;
    }
    let payout = crate::payments::Payout {
        reference: format!("withdrawal:{id}"),
        amount: Money::from_kopecks(w.amount),
        recipient: w.recipient.clone(),
        bik: w.bik.clone(),
        account_number: w.account_number.clone(),
    };
    match deps.payouts.submit(&payout, &date_of(deps.now)).await {
        Ok(r) => {
            if let Ok(mut conn) = deps.db.pool.acquire().await {
                let _ = repo::set_payout_ref(&mut conn, id, &r).await;
            }
        }
        Err(e) => tracing::warn!(error = %e, withdrawal = id, "payout submission failed"),
    }
}

async fn row(db: &Db, id: i64) -> AppResult<Option<WithdrawalRow>> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::by_id(&mut conn, id).await?)
}

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

/// Posts the in-app notice that withdrawal `w` reached `status` (inside the
/// transaction that moved it there).
async fn tell_in_app(
    tx: &mut crate::platform::db::Tx,
    now: i64,
    w: &WithdrawalRow,
    status: WithdrawalStatus,
    due: Option<&str>,
) -> Result<(), sqlx::Error> {
    let n = &w.account_number;
    let account = format!("•••• {}", &n[n.len().saturating_sub(4)..]);
    let amount = Money::from_kopecks(w.amount).to_string();
    timeline::tell(
        tx,
        w.user_id,
        now,
        "withdrawal",
        w.id,
        status.as_str(),
        format!("/account/wallet#withdrawal-{}", w.id),
        |lang| {
            let d = lang.wallet();
            let mut state = crate::wallet::i18n::withdrawal_status_text(lang, status).to_string();
            if let Some(day) = due {
                state = format!(
                    "{state}, {}",
                    crate::i18n::fill(d.withdraw_due, &[&crate::shared::time::date_ru(day)])
                );
            }
            crate::i18n::fill(d.notice_withdrawal, &[&amount, &account, &state])
        },
    )
    .await
}

/// Tells the shopper where a withdrawal stands, by email when the account has a
/// verified one (the in-app notice is posted with the change itself).
async fn tell(deps: &Deps<'_>, lang: crate::i18n::Lang, user: i64, id: i64) {
    let (Ok(v), Ok(Some(email))) = (
        view(deps.db, user, id).await,
        crate::account::verified_email_of(deps.db, user).await,
    ) else {
        return;
    };
    let d = lang.wallet();
    let status = crate::wallet::i18n::withdrawal_status_text(lang, v.status);
    let due = v
        .due_date
        .as_deref()
        .map(crate::shared::time::date_ru)
        .unwrap_or_default();
    let text = crate::i18n::fill(
        d.email_withdrawal_body,
        &[
            &id.to_string(),
            &v.amount.to_string(),
            &v.account,
            status,
            &due,
        ],
    );
    let m = Message::Email {
        to: email,
        subject: crate::i18n::fill(d.email_withdrawal_subject, &[&id.to_string(), status]),
        text,
    };
    if let Err(e) = deps.notifier.send(&m).await {
        tracing::warn!(error = %e, withdrawal = id, "telling about a withdrawal failed");
    }
}

fn to_view(w: WithdrawalRow, events: Vec<(String, i64)>) -> WithdrawalView {
    let n = &w.account_number;
    WithdrawalView {
        id: w.id,
        amount: Money::from_kopecks(w.amount),
        status: WithdrawalStatus::parse(&w.status).unwrap_or(WithdrawalStatus::InProgress),
        account: format!("•••• {}", &n[n.len().saturating_sub(4)..]),
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
