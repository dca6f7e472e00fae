//! Checking a code, and creating the account of a proven new number.

use super::attempt::*;
use super::sign_in::{browser_of, sign_in};
use crate::account::otp::model::{MAX_FAILURES, OtpCode};
use crate::account::otp::service::{code_mac, wrong_code};
use crate::account::profile::repo::{self as users};
use crate::account::security::model::EventKind;
use crate::account::security::model::Notice;
use crate::account::security::repo as feed;
use crate::account::security::service::{email_account, log};
use crate::account::session::model::describe_browser;
use crate::account::signin::repo::{self as attempts};
use crate::i18n::fill;
use crate::platform::request::Requester;
use crate::platform::security::hash_token;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult};
use crate::shared::error::{Field, Problem};
use crate::shared::phone::Phone;
use subtle::ConstantTimeEq;

/// What a correct code leads to.
pub enum Verified {
    /// Signed in: the new session's token for the cookie.
    SignedIn { session_token: String },
    /// A new number: the terms must be accepted first.
    NeedsTerms { to: String },
}

/// Checks a code against the attempt under way.
pub async fn verify(
    deps: &Deps<'_>,
    req: &Requester,
    attempt_token: &str,
    code: &OtpCode,
) -> AppResult<Verified> {
    let now = deps.now;
    let token_hash = hash_token(attempt_token);
    let mut tx = deps.db.begin_write().await?;
    let a = live_attempt(&mut tx, &token_hash, now).await?;
    let target = target_of(&a, None)?;
    if a.verified_at.is_some() {
        return Ok(Verified::NeedsTerms {
            to: target.masked(),
        });
    }
    if a.failures >= MAX_FAILURES {
        return Err(AppError::CodeBurned);
    }
    if now >= a.code_expires_at {
        return Err(AppError::CodeExpired);
    }
    let expected = code_mac(&deps.settings.secret, &token_hash, code.as_str());
    let account = account_of(&mut tx, &target).await?;
    if !bool::from(expected.as_bytes().ct_eq(a.code_hash.as_bytes())) {
        let Some(failures) = attempts::add_failure(&mut tx, a.id, MAX_FAILURES).await? else {
            return Err(AppError::CodeBurned);
        };
        if let Some(user) = &account {
            log(
                &mut tx,
                Some(user.id),
                EventKind::SigninFailed,
                &a.channel,
                req,
                now,
            )
            .await?;
            // The owner hears of the first wrong code of an attempt (not of every
            // digit typed), and again, also by email, when the code is burnt.
            let d = req.lang.account();
            let (browser, ip) = (browser_of(req), req.ip.as_str());
            if failures == 1 {
                let notice = Notice::CodeWrong {
                    browser: describe_browser(&req.user_agent),
                    ip: ip.to_string(),
                };
                feed::add_security_message(&mut tx, user.id, &notice, now).await?;
            }
            if failures == MAX_FAILURES {
                feed::erase_attempt_codes(&mut tx, a.id).await?;
                feed::add_security_message(&mut tx, user.id, &Notice::CodeBurned, now).await?;
                let text = fill(d.email_code_burned_body, &[&browser, ip]);
                email_account(deps, user, d.email_code_burned_subject, text);
            }
        }
        tx.commit().await?;
        return Err(wrong_code(failures));
    }
    match account {
        Some(user) => {
            if !attempts::consume(&mut tx, a.id, now).await? {
                return Err(AppError::CodeExpired);
            }
            feed::erase_attempt_codes(&mut tx, a.id).await?;
            let token = sign_in(&mut tx, deps, req, &user, &a.channel).await?;
            tx.commit().await?;
            Ok(Verified::SignedIn {
                session_token: token,
            })
        }
        None if a.kind == "phone" => {
            attempts::mark_verified(&mut tx, a.id, now).await?;
            tx.commit().await?;
            Ok(Verified::NeedsTerms {
                to: target.masked(),
            })
        }
        None => Err(AppError::CodeExpired),
    }
}

/// Creates the account for a proven new number once the terms are accepted.
pub async fn accept_terms(
    deps: &Deps<'_>,
    req: &Requester,
    attempt_token: &str,
    accepted: bool,
) -> AppResult<String> {
    if !accepted {
        return Err(AppError::invalid(Field::Terms, Problem::Required));
    }
    let now = deps.now;
    let token_hash = hash_token(attempt_token);
    let mut tx = deps.db.begin_write().await?;
    let a = live_attempt(&mut tx, &token_hash, now).await?;
    if a.verified_at.is_none() || a.kind != "phone" {
        return Err(AppError::CodeExpired);
    }
    let phone = Phone::from_stored(a.target.clone());
    if !attempts::consume(&mut tx, a.id, now).await? {
        return Err(AppError::CodeExpired);
    }
    // Someone may have registered the number in between, or be registering it
    // right now in another browser: one at a time, and the later one is a plain
    // sign-in (not a unique-index error).
    crate::platform::db::lock_keys(&mut tx, &[format!("signup:{}", phone.as_str())]).await?;
    let user = match users::user_by_phone(&mut tx, &phone).await? {
        Some(u) => u,
        None => {
            let id = users::create_user(&mut tx, &phone, now).await?;
            // Once per number, ever: signing up again after deleting the account
            // does not bring a second first-order discount.
            let subject = code_mac(&deps.settings.secret, "first_order", phone.as_str());
            if users::claim_grant(&mut tx, "first_order", &subject, now).await? {
                users::grant_discount(
                    &mut tx,
                    id,
                    "first_order",
                    FIRST_ORDER_PERCENT,
                    FIRST_ORDER_MAX_KOPECKS,
                    now,
                )
                .await?;
            }
            log(&mut tx, Some(id), EventKind::Signup, "", req, now).await?;
            feed::add_security_message(&mut tx, id, &Notice::Welcome, now).await?;
            users::user_by_phone(&mut tx, &phone)
                .await?
                .ok_or(AppError::Internal)?
        }
    };
    let token = sign_in(&mut tx, deps, req, &user, &a.channel).await?;
    tx.commit().await?;
    Ok(token)
}
