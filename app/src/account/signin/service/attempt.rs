//! A sign-in attempt: how long it lives, what it is for, where its code goes.

use crate::account::otp::model::{Channel, Target};
use crate::account::profile::repo::{self as users, UserRow};
use crate::account::security::service::send_later;
use crate::account::signin::repo::{self as attempts, AttemptRow};
use crate::i18n::fill;
use crate::notify::Message;
use crate::platform::db::Tx;
use crate::platform::request::Requester;
use crate::platform::state::Deps;
use crate::shared::email::Email;
use crate::shared::error::{AppError, AppResult};
use crate::shared::phone::Phone;

/// An attempt (and its cookie) lives this long, however many codes it was sent.
pub const ATTEMPT_TTL_MS: i64 = 30 * 60_000;
/// The first-order discount a new account gets: 10 %, at most 500 ₽.
pub const FIRST_ORDER_PERCENT: i64 = 10;
pub const FIRST_ORDER_MAX_KOPECKS: i64 = 50_000;

pub(super) async fn account_of(tx: &mut Tx, target: &Target) -> AppResult<Option<UserRow>> {
    Ok(match target {
        Target::Phone(p, _) => users::user_by_phone(tx, p).await?,
        Target::Email(e) => users::user_by_verified_email(tx, e).await?,
    })
}

/// Sends the code. A phone always gets it (a failure is reported); an email only if
/// it is an account's verified email, in the background, so that neither the answer
/// nor its timing tells whether the account exists.
pub(super) async fn deliver(
    deps: &Deps<'_>,
    req: &Requester,
    target: &Target,
    account: Option<&UserRow>,
    code: &str,
) -> AppResult<()> {
    let d = req.lang.account();
    match target {
        Target::Phone(p, Channel::Call) => {
            let m = Message::CodeCall {
                to: p.clone(),
                code: code.to_string(),
            };
            deps.notifier.send(&m).await.map_err(AppError::internal)
        }
        Target::Phone(p, _) => {
            let m = Message::Sms {
                to: p.clone(),
                text: fill(d.sms_code, &[code]),
            };
            deps.notifier.send(&m).await.map_err(AppError::internal)
        }
        Target::Email(e) => {
            if account.is_some() {
                let m = Message::Email {
                    to: e.clone(),
                    subject: d.email_code_subject.to_string(),
                    text: fill(d.email_code_body, &[code]),
                };
                send_later(deps, m);
            }
            Ok(())
        }
    }
}

/// The attempt behind a cookie, if it is still usable at all, locked for the rest
/// of the transaction.
pub(super) async fn live_attempt(tx: &mut Tx, token_hash: &str, now: i64) -> AppResult<AttemptRow> {
    usable(attempts::lock_attempt(tx, token_hash).await?, now)
}

pub(super) fn usable(a: Option<AttemptRow>, now: i64) -> AppResult<AttemptRow> {
    let a = a.ok_or(AppError::CodeExpired)?;
    if a.consumed_at.is_some() || now - a.created_at >= ATTEMPT_TTL_MS {
        return Err(AppError::CodeExpired);
    }
    Ok(a)
}

pub(super) fn target_of(a: &AttemptRow, channel: Option<Channel>) -> AppResult<Target> {
    match a.kind.as_str() {
        "phone" => {
            let channel = match channel.or_else(|| Channel::parse(&a.channel)) {
                Some(Channel::Email) | None => Channel::Sms,
                Some(c) => c,
            };
            Ok(Target::Phone(Phone::from_stored(a.target.clone()), channel))
        }
        _ => Ok(Target::Email(Email::from_stored(a.target.clone()))),
    }
}
