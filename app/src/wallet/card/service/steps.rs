//! A status change with its timeline step and in-app notice, in one transaction.

use crate::platform::state::Deps;
use crate::shared::error::AppResult;
use crate::wallet::card::model::CardStatus;
use crate::wallet::card::repo::{self, CardRow};
use crate::wallet::timeline;

/// Posts the in-app notice that application `id` reached `status` (inside the
/// transaction that moved it there).
pub(super) async fn tell_in_app(
    tx: &mut crate::platform::db::Tx,
    now: i64,
    user: i64,
    id: i64,
    status: CardStatus,
    last4: Option<&str>,
) -> Result<(), sqlx::Error> {
    timeline::tell(
        tx,
        user,
        now,
        "card",
        id,
        status.as_str(),
        "/account/card".to_string(),
        |lang| {
            let d = lang.wallet();
            match last4 {
                Some(l4) if status == CardStatus::Active => {
                    crate::i18n::fill(d.notice_card_active, &[l4])
                }
                _ => crate::i18n::fill(
                    d.notice_card,
                    &[crate::wallet::i18n::card_status_text(lang, status)],
                ),
            }
        },
    )
    .await
}

/// Moves application `a` from `from` to `to` in one transaction, with its timeline
/// step and the in-app notice; false if it had moved on meanwhile.
pub(super) async fn move_to(
    deps: &Deps<'_>,
    a: &CardRow,
    from: CardStatus,
    to: CardStatus,
    last4: Option<&str>,
) -> AppResult<bool> {
    let mut tx = deps.db.begin_write().await?;
    if !repo::advance(&mut tx, a.id, from.as_str(), to.as_str(), last4, deps.now).await? {
        return Ok(false);
    }
    timeline::add(
        &mut tx,
        timeline::CARD_APPLICATIONS,
        a.id,
        to.as_str(),
        deps.now,
    )
    .await?;
    tell_in_app(&mut tx, deps.now, a.user_id, a.id, to, last4).await?;
    tx.commit().await?;
    Ok(true)
}
