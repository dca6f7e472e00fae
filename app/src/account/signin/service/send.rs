//! Sending a code: the first one of an attempt, and again.

use super::attempt::*;
use crate::account::otp::model::{CODE_TTL_MS, Channel, RESEND_MS, Target, ceil_secs};
use crate::account::otp::service::{code_mac, new_code, record_send, wait_before_send};
use crate::account::security::repo as feed;
use crate::account::security::service::{FeedCode, copy_to_security_feed};
use crate::account::signin::model::SignInStep;
use crate::account::signin::repo::{self as attempts, NewAttempt};
use crate::platform::request::Requester;
use crate::platform::security::{hash_token, random_token};
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult};

/// Starts a sign-in: checks the limits, records the attempt, sends the code. The
/// returned token goes into the attempt cookie.
pub async fn start(
    deps: &Deps<'_>,
    req: &Requester,
    target: Target,
) -> AppResult<(String, SignInStep)> {
    let now = deps.now;
    let mut tx = deps.db.begin_write().await?;
    if let Some(secs) = wait_before_send(&mut tx, deps.settings, &target, &req.ip, now).await? {
        return Err(AppError::TooManyRequests {
            retry_after_secs: secs,
        });
    }
    let token = random_token();
    let token_hash = hash_token(&token);
    let code = new_code();
    let kind = match target {
        Target::Phone(..) => "phone",
        Target::Email(_) => "email",
    };
    record_send(&mut tx, &target, &req.ip, now).await?;
    let attempt_id = attempts::insert_attempt(
        &mut tx,
        NewAttempt {
            token_hash: &token_hash,
            kind,
            target: target.key(),
            channel: target.channel().as_str(),
            code_hash: &code_mac(&deps.settings.secret, &token_hash, &code),
            code_expires_at: now + CODE_TTL_MS,
            now,
            ip: &req.ip,
        },
    )
    .await?;
    let account = account_of(&mut tx, &target).await?;
    if let (Some(user), Target::Phone(..)) = (&account, &target) {
        let copy = FeedCode {
            code: &code,
            attempt_id,
            expires_at: now + CODE_TTL_MS,
        };
        copy_to_security_feed(&mut tx, deps, user, copy).await?;
    }
    tx.commit().await?;
    deliver(deps, req, &target, account.as_ref(), &code).await?;
    Ok((
        token,
        SignInStep::Code {
            to: target.masked(),
            channel: target.channel(),
            resend_in: ceil_secs(RESEND_MS),
        },
    ))
}

/// A new code for the attempt under way, by the same or another channel. The 60 s
/// interval and the send limits hold; the count of wrong entries carries over.
pub async fn resend(
    deps: &Deps<'_>,
    req: &Requester,
    attempt_token: &str,
    channel: Option<Channel>,
) -> AppResult<SignInStep> {
    let now = deps.now;
    let token_hash = hash_token(attempt_token);
    let mut tx = deps.db.begin_write().await?;
    let a = live_attempt(&mut tx, &token_hash, now).await?;
    if a.verified_at.is_some() {
        return Err(AppError::CodeExpired);
    }
    let target = target_of(&a, channel)?;
    let since_last = now - a.last_sent_at;
    if since_last < RESEND_MS {
        return Err(AppError::TooManyRequests {
            retry_after_secs: ceil_secs(RESEND_MS - since_last),
        });
    }
    if let Some(secs) = wait_before_send(&mut tx, deps.settings, &target, &req.ip, now).await? {
        return Err(AppError::TooManyRequests {
            retry_after_secs: secs,
        });
    }
    let code = new_code();
    record_send(&mut tx, &target, &req.ip, now).await?;
    attempts::replace_code(
        &mut tx,
        a.id,
        target.channel().as_str(),
        &code_mac(&deps.settings.secret, &token_hash, &code),
        now + CODE_TTL_MS,
        now,
    )
    .await?;
    // The old code no longer works: its copy goes too.
    feed::erase_attempt_codes(&mut tx, a.id).await?;
    let account = account_of(&mut tx, &target).await?;
    if let (Some(user), Target::Phone(..)) = (&account, &target) {
        let copy = FeedCode {
            code: &code,
            attempt_id: a.id,
            expires_at: now + CODE_TTL_MS,
        };
        copy_to_security_feed(&mut tx, deps, user, copy).await?;
    }
    tx.commit().await?;
    deliver(deps, req, &target, account.as_ref(), &code).await?;
    Ok(SignInStep::Code {
        to: target.masked(),
        channel: target.channel(),
        resend_in: ceil_secs(RESEND_MS),
    })
}
