//! Changing what identifies an account: adding an email, changing the phone (with a
//! proof of the current number, or the 14-day path when it is lost), deleting the
//! profile. Each step is proven by a one-time code under the same rules as sign-in.

use crate::account::changes::repo::{self as repo, ChangeRow, NewChange};
use crate::account::model::{ChangeStep, Channel, Email, OtpCode, Phone};
use crate::account::repo::{self as accounts, SessionRow, UserRow};
use crate::account::session::is_fresh;
use crate::account::signin::{
    CODE_TTL_MS, Deps, MAX_FAILURES, Requester, Target, code_mac, log, new_code, record_send,
    send_later, sms_account, wait_before_send, wrong_code,
};
use crate::i18n::fill;
use crate::notify::Message;
use crate::platform::db::Tx;
use crate::platform::security::random_token;
use crate::shared::error::{AppError, AppResult};

mod apply;
mod due;

pub use apply::confirm;
pub use due::{apply_due, cancel_waiting};

/// How long a phone change without access to the old number waits.
pub const LOST_PHONE_WAIT_MS: i64 = 14 * 24 * 3_600_000;

/// The account, locked against its own parallel changes for the rest of `tx`.
async fn user(tx: &mut Tx, user_id: i64) -> AppResult<UserRow> {
    lock_account(tx, user_id).await?;
    accounts::user_by_id_tx(tx, user_id)
        .await?
        .ok_or(AppError::Unauthorized)
}

pub(crate) async fn lock_account(tx: &mut Tx, user_id: i64) -> AppResult<()> {
    Ok(accounts::lock_keys(tx, &[format!("account:{user_id}")]).await?)
}

/// Checks the limits, then records a change waiting for `code` at `target`.
async fn send_code(
    deps: &Deps<'_>,
    req: &Requester,
    tx: &mut Tx,
    target: &Target,
) -> AppResult<(String, String, String)> {
    if let Some(secs) = wait_before_send(tx, deps.settings, target, &req.ip, deps.now).await? {
        return Err(AppError::TooManyRequests {
            retry_after_secs: secs,
        });
    }
    record_send(tx, target, &req.ip, deps.now).await?;
    let salt = random_token();
    let code = new_code();
    let mac = code_mac(&deps.settings.secret, &salt, &code);
    Ok((salt, mac, code))
}

fn deliver(deps: &Deps<'_>, req: &Requester, target: &Target, code: &str) {
    let d = req.lang.account();
    let message = match target {
        Target::Phone(p, _) => Message::Sms {
            to: p.clone(),
            text: fill(d.sms_change_code, &[code]),
        },
        Target::Email(e) => Message::Email {
            to: e.clone(),
            subject: d.email_change_subject.to_string(),
            text: fill(d.email_change_body, &[code]),
        },
    };
    send_later(deps, message);
}

/// A new change of `kind` waiting for a code to `target`, replacing the account's
/// open one of that kind.
pub(crate) struct Opening<'a> {
    pub user_id: i64,
    pub kind: &'a str,
    pub state: &'a str,
    pub target: &'a Target,
    pub new_value: &'a str,
    pub detail: &'a str,
}

/// Opens the change and commits `tx`, then sends the code in the background and
/// says where it went.
pub(crate) async fn open_change(
    deps: &Deps<'_>,
    req: &Requester,
    mut tx: Tx,
    o: Opening<'_>,
) -> AppResult<ChangeStep> {
    lock_account(&mut tx, o.user_id).await?;
    let (salt, mac, code) = send_code(deps, req, &mut tx, o.target).await?;
    repo::cancel_open(&mut tx, o.user_id, o.kind, deps.now).await?;
    repo::insert(
        &mut tx,
        NewChange {
            user_id: o.user_id,
            kind: o.kind,
            code_target: o.target.key(),
            new_value: o.new_value,
            state: o.state,
            salt: &salt,
            code_hash: &mac,
            code_expires_at: deps.now + CODE_TTL_MS,
            detail: o.detail,
            now: deps.now,
        },
    )
    .await?;
    tx.commit().await?;
    deliver(deps, req, o.target, &code);
    Ok(ChangeStep::CodeSent {
        to: o.target.masked(),
    })
}

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
        ("new", Target::Email(email.clone()))
    } else {
        ("old", proof_target(&u).ok_or(AppError::ReauthRequired)?)
    };
    let opening = Opening {
        user_id: u.id,
        kind: "email",
        state,
        target: &target,
        new_value: email.as_str(),
        detail: &session_detail(session),
    };
    open_change(deps, req, tx, opening).await
}

/// Where a code proving the account goes: its phone, else its verified email.
pub(crate) fn proof_target(u: &UserRow) -> Option<Target> {
    match (&u.phone, &u.email, u.email_verified) {
        (Some(p), _, _) => Some(Target::Phone(p.clone(), Channel::Sms)),
        (None, Some(e), true) => Some(Target::Email(e.clone())),
        _ => None,
    }
}

/// A change remembers the session it was started in: proving the account in it
/// makes that session fresh (`mark_fresh`).
pub(crate) fn session_detail(session: &SessionRow) -> String {
    format!("session:{}", session.id)
}

/// Marks the session a change was started in as having proved the account now.
async fn mark_fresh(tx: &mut Tx, c: &ChangeRow, now: i64) -> AppResult<()> {
    if let Some(id) = c
        .detail
        .strip_prefix("session:")
        .and_then(|id| id.parse::<i64>().ok())
    {
        accounts::mark_reauth(tx, c.user_id, id, now).await?;
    }
    Ok(())
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
        return Err(AppError::invalid("phone", "same"));
    }
    // As for emails: "taken" only after the code to the new number (`apply`).
    if repo::waiting(&mut *tx, u.id).await?.is_some() {
        return Err(AppError::invalid("phone", "pending"));
    }
    let (kind, state, target) = match (&u.phone, lost) {
        (Some(_), true) => (
            "phone_lost",
            "new",
            Target::Phone(new.clone(), Channel::Sms),
        ),
        (Some(current), false) => ("phone", "old", Target::Phone(current.clone(), Channel::Sms)),
        // An account from "Sign in with ..." may have no number yet: proving the
        // new one is enough when the session is fresh; else its email first.
        (None, _) if is_fresh(session, deps.now) => {
            ("phone", "new", Target::Phone(new.clone(), Channel::Sms))
        }
        (None, _) => (
            "phone",
            "old",
            proof_target(&u).ok_or(AppError::ReauthRequired)?,
        ),
    };
    // One phone change at a time, whichever path.
    let other = if kind == "phone" {
        "phone_lost"
    } else {
        "phone"
    };
    repo::cancel_open(&mut tx, u.id, other, deps.now).await?;
    let opening = Opening {
        user_id: u.id,
        kind,
        state,
        target: &target,
        new_value: new.as_str(),
        detail: &session_detail(session),
    };
    open_change(deps, req, tx, opening).await
}

/// Starts proving the account afresh in this session: a code to its phone (or
/// verified email). Confirmed with `confirm(.., &["reauth"], ..)`.
pub async fn start_reauth(
    deps: &Deps<'_>,
    req: &Requester,
    session: &SessionRow,
) -> AppResult<ChangeStep> {
    let mut tx = deps.db.begin_write().await?;
    let u = user(&mut tx, session.user_id).await?;
    let target = proof_target(&u).ok_or_else(|| AppError::Blocked {
        reasons: vec!["no_contact".into()],
    })?;
    let opening = Opening {
        user_id: u.id,
        kind: "reauth",
        state: "old",
        target: &target,
        new_value: "",
        detail: &session_detail(session),
    };
    open_change(deps, req, tx, opening).await
}
