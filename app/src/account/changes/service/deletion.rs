//! Deleting the profile: a reason, no blocking condition, a code; the erasing itself
//! happens when the code is confirmed (`changes::confirm`).

use super::open::{Opening, open_change};
use crate::account::changes::model::{ChangeKind, ChangeState, ChangeStep};
use crate::account::changes::repo;
use crate::account::otp::model::Channel;
use crate::account::otp::model::Target;
use crate::account::profile::repo as users;
use crate::platform::request::Requester;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Blocker};
use crate::shared::error::{Field, Problem};

/// Why a profile cannot be deleted now; each code has its own advice on the page.
/// Other domains add theirs through `lifecycle::deletion_blockers`.
pub async fn deletion_blockers(deps: &Deps<'_>, user_id: i64) -> AppResult<Vec<Blocker>> {
    let mut reasons = Vec::new();
    if repo::waiting(&deps.db.pool, user_id).await?.is_some() {
        reasons.push(Blocker::PhoneChangePending);
    }
    reasons.extend(crate::lifecycle::deletion_blockers(deps.db, user_id).await?);
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
        return Err(AppError::invalid(Field::Reason, Problem::Unknown));
    }
    let comment: String = comment.trim().chars().take(1000).collect();
    let blockers = deletion_blockers(deps, user_id).await?;
    if !blockers.is_empty() {
        return Err(AppError::Blocked { reasons: blockers });
    }
    let mut tx = deps.db.begin_write().await?;
    let u = users::user_by_id(&mut *tx, user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    // The code goes to the phone, or to the verified email of an account without one.
    let target = match (&u.phone, &u.email, u.email_verified) {
        (Some(p), _, _) => Target::Phone(p.clone(), Channel::Sms),
        (None, Some(e), true) => Target::Email(e.clone()),
        _ => {
            return Err(AppError::Blocked {
                reasons: vec![Blocker::NoContact],
            });
        }
    };
    let detail = format!("{reason}\n{comment}");
    let opening = Opening {
        user_id: u.id,
        kind: ChangeKind::Delete,
        state: ChangeState::Old,
        target: &target,
        new_value: "",
        detail,
    };
    open_change(deps, req, tx, opening).await
}
