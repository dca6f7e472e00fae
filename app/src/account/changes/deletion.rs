//! Deleting the profile: a reason, no blocking condition, a code; the erasing itself
//! happens when the code is confirmed (`changes::confirm`).

use crate::account::changes::repo;
use crate::account::changes::{Opening, open_change};
use crate::account::model::{ChangeStep, Channel};
use crate::account::repo as accounts;
use crate::account::signin::{Deps, Requester, Target};
use crate::shared::error::{AppError, AppResult};

/// Why a profile cannot be deleted now; each code has its own advice on the page.
/// Later capabilities add theirs (orders, the bonus card, instalments, the wallet).
pub async fn deletion_blockers(deps: &Deps<'_>, user_id: i64) -> AppResult<Vec<String>> {
    let mut reasons = Vec::new();
    if repo::waiting(&deps.db.pool, user_id).await?.is_some() {
        reasons.push("phone_change_pending".to_string());
    }
    Ok(reasons)
}

pub const DELETION_REASONS: &[&str] = &["not_using", "privacy", "duplicate", "service", "other"];

/// Starts deleting the profile: blockers first, then a code to the phone.
pub async fn start_delete(
    deps: &Deps<'_>,
    req: &Requester,
    user_id: i64,
    reason: &str,
    comment: &str,
) -> AppResult<ChangeStep> {
    if !DELETION_REASONS.contains(&reason) {
        return Err(AppError::invalid("reason", "unknown"));
    }
    let comment: String = comment.trim().chars().take(1000).collect();
    let blockers = deletion_blockers(deps, user_id).await?;
    if !blockers.is_empty() {
        return Err(AppError::Blocked { reasons: blockers });
    }
    let mut tx = deps.db.begin_write().await?;
    let u = accounts::user_by_id_tx(&mut tx, user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    // The code goes to the phone, or to the verified email of an account without one.
    let target = match (&u.phone, &u.email, u.email_verified) {
        (Some(p), _, _) => Target::Phone(p.clone(), Channel::Sms),
        (None, Some(e), true) => Target::Email(e.clone()),
        _ => {
            return Err(AppError::Blocked {
                reasons: vec!["no_contact".into()],
            });
        }
    };
    let detail = format!("{reason}\n{comment}");
    let opening = Opening {
        user_id: u.id,
        kind: "delete",
        state: "old",
        target: &target,
        new_value: "",
        detail: &detail,
    };
    open_change(deps, req, tx, opening).await
}
