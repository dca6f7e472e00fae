//! Starting a change: an email, a phone (or the 14-day path), a fresh proof; and
//! what "My data" shows of the changes under way.

use super::open::*;
use crate::account::changes::model::{ChangeKind, ChangeState, ChangeStep};
use crate::account::changes::repo::{self as repo};
use crate::account::otp::model::Channel;
use crate::account::otp::model::Target;
use crate::account::session::model::is_fresh;
use crate::account::session::repo::SessionRow;
use crate::platform::request::Requester;
use crate::platform::state::Deps;
use crate::shared::email::Email;
use crate::shared::error::{AppError, AppResult};
use crate::shared::error::{Field, Problem};
use crate::shared::phone::Phone;

/// Starts adding (or replacing) the account's email: a code goes to it; first,
/// unless the session proved the account in the last minutes, one to the phone
/// (an email is a way to sign in, and a stolen session must not add its own).
pub async fn start_email(
    deps: &Deps<'_>,
    req: &Requester,
    session: &SessionRow,
    email: Email,
) -> AppResult<ChangeStep> {
    let mut tx = deps.db.begin_write().await?;
    let u = user(&mut tx, session.user_id).await?;
    // Whether the address is taken is told only once its code proves it is the
    // person's own (`apply`): before that, the answer is the same for every address.
    let (state, target) = if is_fresh(session, deps.now) {
        (ChangeState::New, Target::Email(email.clone()))
    } else {
        (
            ChangeState::Old,
            proof_target(&u).ok_or(AppError::ReauthRequired)?,
        )
    };
    let opening = Opening::by(session, ChangeKind::Email, state, &target, email.as_str());
    open_change(deps, req, tx, opening).await
}

/// Starts changing the phone. With access to the current number, a code goes there
/// first; without (`lost`), straight to the new number, and the change then waits
/// 14 days.
pub async fn start_phone(
    deps: &Deps<'_>,
    req: &Requester,
    session: &SessionRow,
    new: Phone,
    lost: bool,
) -> AppResult<ChangeStep> {
    let mut tx = deps.db.begin_write().await?;
    let u = user(&mut tx, session.user_id).await?;
    if u.phone.as_ref() == Some(&new) {
        return Err(AppError::invalid(Field::Phone, Problem::Same));
    }
    // As for emails: "taken" only after the code to the new number (`apply`).
    if repo::waiting(&mut *tx, u.id).await?.is_some() {
        return Err(AppError::invalid(Field::Phone, Problem::Pending));
    }
    let (kind, state, target) = match (&u.phone, lost) {
        (Some(_), true) => (
            ChangeKind::PhoneLost,
            ChangeState::New,
            Target::Phone(new.clone(), Channel::Sms),
        ),
        (Some(current), false) => (
            ChangeKind::Phone,
            ChangeState::Old,
            Target::Phone(current.clone(), Channel::Sms),
        ),
        // An account from "Sign in with ..." may have no number yet: proving the
        // new one is enough when the session is fresh; else its email first.
        (None, _) if is_fresh(session, deps.now) => (
            ChangeKind::Phone,
            ChangeState::New,
            Target::Phone(new.clone(), Channel::Sms),
        ),
        (None, _) => (
            ChangeKind::Phone,
            ChangeState::Old,
            proof_target(&u).ok_or(AppError::ReauthRequired)?,
        ),
    };
    // One phone change at a time, whichever path.
    let other = if kind == ChangeKind::Phone {
        ChangeKind::PhoneLost
    } else {
        ChangeKind::Phone
    };
    repo::cancel_open(&mut tx, u.id, other, deps.now).await?;
    let opening = Opening::by(session, kind, state, &target, new.as_str());
    open_change(deps, req, tx, opening).await
}

/// Starts proving the account afresh in this session: a code to its phone (or
/// verified email). Confirmed with `confirm(.., &[ChangeKind::Reauth], ..)`.
pub async fn start_reauth(
    deps: &Deps<'_>,
    req: &Requester,
    session: &SessionRow,
) -> AppResult<ChangeStep> {
    let mut tx = deps.db.begin_write().await?;
    let u = user(&mut tx, session.user_id).await?;
    let target = proof_target(&u).ok_or_else(|| AppError::Blocked {
        reasons: vec![crate::shared::error::Blocker::NoContact],
    })?;
    let opening = Opening::by(session, ChangeKind::Reauth, ChangeState::Old, &target, "");
    open_change(deps, req, tx, opening).await
}

/// What "My data" shows of the account's changes: one waiting for a code (kind,
/// where the code went, masked) and a phone change waiting out its 14 days (new
/// number, when it applies).
pub async fn pending_for(
    db: &crate::platform::db::Db,
    user_id: i64,
) -> AppResult<(Option<(String, String)>, Option<(String, i64)>)> {
    let mut tx = db.pool.begin().await?;
    let pending = repo::open(
        &mut tx,
        user_id,
        &[
            ChangeKind::Email,
            ChangeKind::Phone,
            ChangeKind::PhoneLost,
            ChangeKind::Delete,
        ],
    )
    .await?
    .map(|c| {
        let to = if c.code_target.contains('@') {
            Email::from_stored(c.code_target).masked()
        } else {
            Phone::from_stored(c.code_target).masked()
        };
        (c.kind.as_str().to_string(), to)
    });
    drop(tx);
    let waiting = repo::waiting(&db.pool, user_id).await?.map(|c| {
        (
            Phone::from_stored(c.new_value).display(),
            c.due_at.unwrap_or(0),
        )
    });
    Ok((pending, waiting))
}
