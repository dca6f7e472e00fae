//! What confirming and the job share: the code's binding, handing a withdrawal to
//! the payout provider, and telling the shopper (in the app and by email).

use super::read::view;
use crate::notify::Message;
use crate::platform::db::Db;
use crate::platform::state::Deps;
use crate::shared::error::AppResult;
use crate::shared::money::Money;
use crate::shared::time::date_of;
use crate::wallet::timeline;
use crate::wallet::withdrawals::model::{WithdrawalStatus, mask_account};
use crate::wallet::withdrawals::repo::{self, WithdrawalRow};

/// What the code is bound to: a code sent for one withdrawal confirms no other.
pub(super) fn bound(code: &str, amount: i64, bik: &str, account: &str, recipient: &str) -> String {
    format!("{code}|{amount}|{bik}|{account}|{recipient}")
}

/// Hands a confirmed withdrawal to the payout provider, unless it has been. A
/// provider that cannot be reached now is asked again by the job.
pub(super) async fn submit(deps: &Deps<'_>, id: i64) {
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

pub(super) async fn row(db: &Db, id: i64) -> AppResult<Option<WithdrawalRow>> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::by_id(&mut conn, id).await?)
}

/// Posts the in-app notice that withdrawal `w` reached `status` (inside the
/// transaction that moved it there).
pub(super) async fn tell_in_app(
    tx: &mut crate::platform::db::Tx,
    now: i64,
    w: &WithdrawalRow,
    status: WithdrawalStatus,
    due: Option<&str>,
) -> Result<(), sqlx::Error> {
    let account = mask_account(&w.account_number);
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
pub(super) async fn tell(deps: &Deps<'_>, lang: crate::i18n::Lang, user: i64, id: i64) {
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
