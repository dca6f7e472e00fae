//! What every change shares: the account's lock, opening a change and sending
//! its code, where a proof of the account goes.

use crate::account::changes::model::{ChangeKind, ChangeState, ChangeStep};
use crate::account::changes::repo::{self as repo, ChangeRow, NewChange};
use crate::account::otp::model::CODE_TTL_MS;
use crate::account::otp::model::Channel;
use crate::account::otp::model::Target;
use crate::account::otp::service::code_for;
use crate::account::otp::service::code_mac;
use crate::account::profile::repo as users;
use crate::account::profile::repo::UserRow;
use crate::account::security::service::send_later;
use crate::account::session::repo as sessions;
use crate::account::session::repo::SessionRow;
use crate::i18n::fill;
use crate::notify::Message;
use crate::platform::db::Tx;
use crate::platform::request::Requester;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult};

/// How long a phone change without access to the old number waits.
pub const LOST_PHONE_WAIT_MS: i64 = 14 * 24 * 3_600_000;

/// The account, locked against its own parallel changes for the rest of `tx`.
pub(super) async fn user(tx: &mut Tx, user_id: i64) -> AppResult<UserRow> {
    lock_account(tx, user_id).await?;
    users::user_by_id(&mut **tx, user_id)
        .await?
        .ok_or(AppError::Unauthorized)
}

pub async fn lock_account(tx: &mut Tx, user_id: i64) -> AppResult<()> {
    Ok(crate::platform::db::lock_keys(tx, &[format!("account:{user_id}")]).await?)
}

/// Checks the limits, then records a change waiting for `code` at `target`.
pub(super) async fn send_code(
    deps: &Deps<'_>,
    req: &Requester,
    tx: &mut Tx,
    target: &Target,
) -> AppResult<(String, String, String)> {
    let (salt, code) = code_for(tx, deps.settings, target, &req.ip, deps.now).await?;
    let mac = code_mac(&deps.settings.secret, &salt, &code);
    Ok((salt, mac, code))
}

pub(super) fn deliver(deps: &Deps<'_>, req: &Requester, target: &Target, code: &str) {
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
pub struct Opening<'a> {
    pub user_id: i64,
    pub kind: ChangeKind,
    pub state: ChangeState,
    pub target: &'a Target,
    pub new_value: &'a str,
    pub detail: String,
}

impl<'a> Opening<'a> {
    /// A change the session `me` opens for its own account.
    pub fn by(
        me: &'a SessionRow,
        kind: ChangeKind,
        state: ChangeState,
        target: &'a Target,
        new_value: &'a str,
    ) -> Opening<'a> {
        Opening {
            user_id: me.user_id,
            kind,
            state,
            target,
            new_value,
            detail: session_detail(me),
        }
    }
}

/// Opens the change and commits `tx`, then sends the code in the background and
/// says where it went.
pub async fn open_change(
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
            detail: &o.detail,
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

/// Where a code proving the account goes: its phone, else its verified email.
pub fn proof_target(u: &UserRow) -> Option<Target> {
    match (&u.phone, &u.email, u.email_verified) {
        (Some(p), _, _) => Some(Target::Phone(p.clone(), Channel::Sms)),
        (None, Some(e), true) => Some(Target::Email(e.clone())),
        _ => None,
    }
}

/// A change remembers the session it was started in: proving the account in it
/// makes that session fresh (`mark_fresh`).
pub fn session_detail(session: &SessionRow) -> String {
    format!("session:{}", session.id)
}

/// Marks the session a change was started in as having proved the account now.
pub(super) async fn mark_fresh(tx: &mut Tx, c: &ChangeRow, now: i64) -> AppResult<()> {
    if let Some(id) = c
        .detail
        .strip_prefix("session:")
        .and_then(|id| id.parse::<i64>().ok())
    {
        sessions::mark_reauth(tx, c.user_id, id, now).await?;
    }
    Ok(())
}
