//! Signing in with a one-time code: the rules of NIST SP 800-63B for out-of-band
//! codes. Six digits from the operating system's CSPRNG, kept only as an HMAC bound
//! to one attempt, valid five minutes, single use, burnt after five wrong entries;
//! sends limited per number, per number prefix and per IP. No answer tells whether
//! a number or an email has an account.

mod context;
mod feed;
mod step;

pub use context::*;
use feed::copy_to_security_feed;
pub(crate) use feed::unseal_feed_code;
pub use step::step;

use crate::account::limits::{self, RESEND_MS};
use crate::account::model::{Channel, Email, OtpCode, Phone, SignInStep};
use crate::account::repo::{self, AttemptRow, NewAttempt, UserRow};
use crate::account::session;
use crate::i18n::fill;
use crate::notify::Message;
use crate::platform::db::Tx;
use crate::platform::security::{hash_token, random_token};
use crate::shared::error::{AppError, AppResult};
use subtle::ConstantTimeEq;

pub const CODE_TTL_MS: i64 = 5 * 60_000;
pub const MAX_FAILURES: i64 = 5;
/// An attempt (and its cookie) lives this long, however many codes it was sent.
pub const ATTEMPT_TTL_MS: i64 = 30 * 60_000;
/// The first-order discount a new account gets: 10 %, at most 500 ₽.
pub const FIRST_ORDER_PERCENT: i64 = 10;
pub const FIRST_ORDER_MAX_KOPECKS: i64 = 50_000;

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
    let attempt_id = repo::insert_attempt(
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
        copy_to_security_feed(&mut tx, deps, req, user, &code, attempt_id).await?;
    }
    tx.commit().await?;
    deliver(deps, req, &target, account.as_ref(), &code).await?;
    Ok((
        token,
        SignInStep::Code {
            to: target.masked(),
            channel: target.channel(),
            resend_in: limits::ceil_secs(RESEND_MS),
        },
    ))
}

async fn account_of(tx: &mut Tx, target: &Target) -> AppResult<Option<UserRow>> {
    Ok(match target {
        Target::Phone(p, _) => repo::user_by_phone(tx, p).await?,
        Target::Email(e) => repo::user_by_verified_email(tx, e).await?,
    })
}

/// Sends the code. A phone always gets it (a failure is reported); an email only if
/// it is an account's verified email, in the background, so that neither the answer
/// nor its timing tells whether the account exists.
async fn deliver(
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
            retry_after_secs: limits::ceil_secs(RESEND_MS - since_last),
        });
    }
    if let Some(secs) = wait_before_send(&mut tx, deps.settings, &target, &req.ip, now).await? {
        return Err(AppError::TooManyRequests {
            retry_after_secs: secs,
        });
    }
    let code = new_code();
    record_send(&mut tx, &target, &req.ip, now).await?;
    repo::replace_code(
        &mut tx,
        a.id,
        target.channel().as_str(),
        &code_mac(&deps.settings.secret, &token_hash, &code),
        now + CODE_TTL_MS,
        now,
    )
    .await?;
    // The old code no longer works: its copy goes too.
    repo::erase_attempt_codes(&mut tx, a.id).await?;
    let account = account_of(&mut tx, &target).await?;
    if let (Some(user), Target::Phone(..)) = (&account, &target) {
        copy_to_security_feed(&mut tx, deps, req, user, &code, a.id).await?;
    }
    tx.commit().await?;
    deliver(deps, req, &target, account.as_ref(), &code).await?;
    Ok(SignInStep::Code {
        to: target.masked(),
        channel: target.channel(),
        resend_in: limits::ceil_secs(RESEND_MS),
    })
}

/// The attempt behind a cookie, if it is still usable at all, locked for the rest
/// of the transaction.
async fn live_attempt(tx: &mut Tx, token_hash: &str, now: i64) -> AppResult<AttemptRow> {
    usable(repo::lock_attempt(tx, token_hash).await?, now)
}

fn usable(a: Option<AttemptRow>, now: i64) -> AppResult<AttemptRow> {
    let a = a.ok_or(AppError::CodeExpired)?;
    if a.consumed_at.is_some() || now - a.created_at >= ATTEMPT_TTL_MS {
        return Err(AppError::CodeExpired);
    }
    Ok(a)
}

fn target_of(a: &AttemptRow, channel: Option<Channel>) -> AppResult<Target> {
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
        let Some(failures) = repo::add_failure(&mut tx, a.id, MAX_FAILURES).await? else {
            return Err(AppError::CodeBurned);
        };
        if let Some(user) = &account {
            log(
                &mut tx,
                Some(user.id),
                "signin_failed",
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
                let text = fill(d.msg_code_wrong, &[&browser, ip]);
                repo::add_security_message(&mut tx, user.id, &text, now).await?;
            }
            if failures == MAX_FAILURES {
                repo::erase_attempt_codes(&mut tx, a.id).await?;
                repo::add_security_message(&mut tx, user.id, d.msg_code_burned, now).await?;
                let text = fill(d.email_code_burned_body, &[&browser, ip]);
                email_account(deps, user, d.email_code_burned_subject, text);
            }
        }
        tx.commit().await?;
        return Err(wrong_code(failures));
    }
    match account {
        Some(user) => {
            if !repo::consume(&mut tx, a.id, now).await? {
                return Err(AppError::CodeExpired);
            }
            repo::erase_attempt_codes(&mut tx, a.id).await?;
            let token = sign_in(&mut tx, deps, req, &user, &a.channel).await?;
            tx.commit().await?;
            Ok(Verified::SignedIn {
                session_token: token,
            })
        }
        None if a.kind == "phone" => {
            repo::mark_verified(&mut tx, a.id, now).await?;
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
        return Err(AppError::invalid("terms", "the terms must be accepted"));
    }
    let now = deps.now;
    let token_hash = hash_token(attempt_token);
    let mut tx = deps.db.begin_write().await?;
    let a = live_attempt(&mut tx, &token_hash, now).await?;
    if a.verified_at.is_none() || a.kind != "phone" {
        return Err(AppError::CodeExpired);
    }
    let phone = Phone::from_stored(a.target.clone());
    if !repo::consume(&mut tx, a.id, now).await? {
        return Err(AppError::CodeExpired);
    }
    // Someone may have registered the number in between, or be registering it
    // right now in another browser: one at a time, and the later one is a plain
    // sign-in (not a unique-index error).
    repo::lock_keys(&mut tx, &[format!("signup:{}", phone.as_str())]).await?;
    let user = match repo::user_by_phone(&mut tx, &phone).await? {
        Some(u) => u,
        None => {
            let id = repo::create_user(&mut tx, &phone, now).await?;
            // Once per number, ever: signing up again after deleting the account
            // does not bring a second first-order discount.
            let subject = code_mac(&deps.settings.secret, "first_order", phone.as_str());
            if repo::claim_grant(&mut tx, "first_order", &subject, now).await? {
                repo::grant_discount(
                    &mut tx,
                    id,
                    "first_order",
                    FIRST_ORDER_PERCENT,
                    FIRST_ORDER_MAX_KOPECKS,
                    now,
                )
                .await?;
            }
            log(&mut tx, Some(id), "signup", "", req, now).await?;
            let d = req.lang.account();
            repo::add_security_message(&mut tx, id, d.msg_welcome, now).await?;
            repo::user_by_phone(&mut tx, &phone)
                .await?
                .ok_or(AppError::Internal)?
        }
    };
    let token = sign_in(&mut tx, deps, req, &user, &a.channel).await?;
    tx.commit().await?;
    Ok(token)
}

/// The part of every sign-in inside its transaction: a new session, the guest cart
/// moved into the account's, the security log and the Security feed.
pub(crate) async fn sign_in(
    tx: &mut Tx,
    deps: &Deps<'_>,
    req: &Requester,
    user: &UserRow,
    method: &str,
) -> AppResult<String> {
    let now = deps.now;
    let token = session::create(tx, user.id, deps.settings, now, &req.user_agent, &req.ip).await?;
    if let Some(guest) = &req.guest_cart {
        crate::cart::repo::merge(tx, guest, &crate::cart::repo::user_key(user.id), now).await?;
    }
    log(tx, Some(user.id), "signin", method, req, now).await?;
    let d = req.lang.account();
    let text = fill(d.msg_signed_in, &[&browser_of(req), &req.ip]);
    repo::add_security_message(tx, user.id, &text, now).await?;
    notify_sign_in(deps, req, user);
    Ok(token)
}

/// Tells the account's verified email about a sign-in.
fn notify_sign_in(deps: &Deps<'_>, req: &Requester, user: &UserRow) {
    let d = req.lang.account();
    let text = fill(d.email_signin_body, &[&browser_of(req), &req.ip]);
    email_account(deps, user, d.email_signin_subject, text);
}

/// The requester's browser as people call it, for messages.
fn browser_of(req: &Requester) -> String {
    let browser = session::describe_browser(&req.user_agent);
    if browser.is_empty() {
        req.lang.account().unknown_browser.to_string()
    } else {
        browser
    }
}
