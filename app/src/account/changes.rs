//! Changing what identifies an account: adding an email, changing the phone (with a
//! proof of the current number, or the 14-day path when it is lost), deleting the
//! profile. Each step is proven by a one-time code under the same rules as sign-in.

use crate::account::change_repo::{self as repo, ChangeRow, NewChange};
use crate::account::model::{ChangeStep, Channel, Email, OtpCode, Phone};
use crate::account::repo::{self as accounts, UserRow};
use crate::account::signin::{
    CODE_TTL_MS, Deps, MAX_FAILURES, Requester, Target, code_mac, log, new_code, record_send,
    send_later, wait_before_send,
};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::i18n::fill;
use crate::notify::Message;
use crate::security::random_token;
use subtle::ConstantTimeEq;

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

/// Starts adding (or replacing) the account's email: a code goes to it.
pub async fn start_email(
    deps: &Deps<'_>,
    req: &Requester,
    user_id: i64,
    email: Email,
) -> AppResult<ChangeStep> {
    let mut tx = deps.db.begin_write().await?;
    let u = user(&mut tx, user_id).await?;
    // Whether the address is taken is told only once its code proves it is the
    // person's own (`apply`): before that, the answer is the same for every address.
    let target = Target::Email(email.clone());
    let opening = Opening {
        user_id: u.id,
        kind: "email",
        state: "new",
        target: &target,
        new_value: email.as_str(),
        detail: "",
    };
    open_change(deps, req, tx, opening).await
}

/// Starts changing the phone. With access to the current number, a code goes there
/// first; without (`lost`), straight to the new number, and the change then waits
/// 14 days.
pub async fn start_phone(
    deps: &Deps<'_>,
    req: &Requester,
    user_id: i64,
    new: Phone,
    lost: bool,
) -> AppResult<ChangeStep> {
    let mut tx = deps.db.begin_write().await?;
    let u = user(&mut tx, user_id).await?;
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
        // new one is enough, there is no old one to protect.
        (None, _) => ("phone", "new", Target::Phone(new.clone(), Channel::Sms)),
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
        detail: "",
    };
    open_change(deps, req, tx, opening).await
}

/// Checks the code of the account's open change (`kinds`) and takes the next step.
pub async fn confirm(
    deps: &Deps<'_>,
    req: &Requester,
    user_id: i64,
    kinds: &[&str],
    code: &OtpCode,
) -> AppResult<ChangeStep> {
    let now = deps.now;
    let mut tx = deps.db.begin_write().await?;
    let u = user(&mut tx, user_id).await?;
    let c = repo::open(&mut tx, u.id, kinds)
        .await?
        .ok_or(AppError::CodeExpired)?;
    if c.failures >= MAX_FAILURES {
        return Err(AppError::CodeBurned);
    }
    if now >= c.code_expires_at {
        return Err(AppError::CodeExpired);
    }
    let expected = code_mac(&deps.settings.secret, &c.salt, code.as_str());
    if !bool::from(expected.as_bytes().ct_eq(c.code_hash.as_bytes())) {
        let Some(failures) = repo::add_failure(&mut tx, c.id, MAX_FAILURES).await? else {
            return Err(AppError::CodeBurned);
        };
        log(&mut tx, Some(u.id), "change_code_failed", &c.kind, req, now).await?;
        tx.commit().await?;
        return Err(if failures >= MAX_FAILURES {
            AppError::CodeBurned
        } else {
            AppError::WrongCode {
                attempts_left: MAX_FAILURES - failures,
            }
        });
    }
    let step = apply(deps, req, &mut tx, &u, &c).await?;
    tx.commit().await?;
    Ok(step)
}

async fn apply(
    deps: &Deps<'_>,
    req: &Requester,
    tx: &mut Tx,
    u: &UserRow,
    c: &ChangeRow,
) -> AppResult<ChangeStep> {
    let now = deps.now;
    let d = req.lang.account();
    match (c.kind.as_str(), c.state.as_str()) {
        ("email", "new") => {
            if repo::taken(tx, "email", &c.new_value, u.id).await? {
                return Err(AppError::Taken {
                    field: "email".into(),
                });
            }
            repo::set_email(tx, u.id, &c.new_value, now).await?;
            repo::finish(tx, c.id, "new", "done", now).await?;
            log(
                tx,
                Some(u.id),
                "email_changed",
                &Email::from_stored(c.new_value.clone()).masked(),
                req,
                now,
            )
            .await?;
            accounts::add_security_message(
                tx,
                u.id,
                &fill(d.msg_email_changed, &[&c.new_value]),
                now,
            )
            .await?;
            if let (Some(old), true) = (&u.email, u.email_verified)
                && old.as_str() != c.new_value
            {
                send_later(
                    deps,
                    Message::Email {
                        to: old.clone(),
                        subject: d.email_contact_changed_subject.to_string(),
                        text: fill(d.msg_email_changed, &[&c.new_value]),
                    },
                );
            }
            Ok(ChangeStep::EmailVerified)
        }
        ("phone", "old") => {
            // The current number is proven; now the new one.
            let new = Phone::from_stored(c.new_value.clone());
            let target = Target::Phone(new.clone(), Channel::Sms);
            let (salt, mac, code) = send_code(deps, req, tx, &target).await?;
            let next = repo::Next {
                state: "new",
                code_target: new.as_str(),
                salt: &salt,
                code_hash: &mac,
                code_expires_at: now + CODE_TTL_MS,
                due_at: None,
            };
            repo::advance(tx, c.id, next, now).await?;
            deliver(deps, req, &target, &code);
            Ok(ChangeStep::CodeSent { to: new.masked() })
        }
        ("phone", "new") => {
            if repo::taken(tx, "phone", &c.new_value, u.id).await? {
                return Err(AppError::Taken {
                    field: "phone".into(),
                });
            }
            repo::set_phone(tx, u.id, &c.new_value).await?;
            repo::finish(tx, c.id, "new", "done", now).await?;
            let new = Phone::from_stored(c.new_value.clone());
            log(tx, Some(u.id), "phone_changed", &new.masked(), req, now).await?;
            accounts::add_security_message(
                tx,
                u.id,
                &fill(d.msg_phone_changed, &[&new.display()]),
                now,
            )
            .await?;
            tell_old_contacts(deps, req, u, &fill(d.msg_phone_changed, &[&new.display()]));
            Ok(ChangeStep::PhoneChanged)
        }
        ("phone_lost", "new") => {
            if repo::taken(tx, "phone", &c.new_value, u.id).await? {
                return Err(AppError::Taken {
                    field: "phone".into(),
                });
            }
            let due = now + LOST_PHONE_WAIT_MS;
            let next = repo::Next {
                state: "waiting",
                code_target: &c.code_target,
                salt: "",
                code_hash: "",
                code_expires_at: 0,
                due_at: Some(due),
            };
            repo::advance(tx, c.id, next, now).await?;
            let new = Phone::from_stored(c.new_value.clone());
            let when = crate::account::model::date_of(due);
            log(
                tx,
                Some(u.id),
                "phone_change_requested",
                &new.masked(),
                req,
                now,
            )
            .await?;
            let text = fill(d.msg_phone_change_waiting, &[&new.masked(), &when]);
            accounts::add_security_message(tx, u.id, &text, now).await?;
            tell_old_contacts(deps, req, u, &text);
            Ok(ChangeStep::PhoneWaiting { due_at: due })
        }
        ("delete", "old") => {
            let (reason, comment) = c.detail.split_once('\n').unwrap_or((&c.detail, ""));
            repo::record_deletion_reason(tx, reason, comment, now).await?;
            repo::finish(tx, c.id, "old", "done", now).await?;
            repo::erase(tx, u.id, now).await?;
            sqlx::query("DELETE FROM carts WHERE owner_key = $1")
                .bind(crate::cart::repo::user_key(u.id))
                .execute(&mut **tx)
                .await?;
            Ok(ChangeStep::Deleted)
        }
        _ => Err(AppError::CodeExpired),
    }
}

/// An SMS to the account's current number and an email to its verified email.
fn tell_old_contacts(deps: &Deps<'_>, req: &Requester, u: &UserRow, text: &str) {
    let d = req.lang.account();
    if let Some(p) = &u.phone {
        send_later(
            deps,
            Message::Sms {
                to: p.clone(),
                text: text.to_string(),
            },
        );
    }
    if let (Some(e), true) = (&u.email, u.email_verified) {
        send_later(
            deps,
            Message::Email {
                to: e.clone(),
                subject: d.email_contact_changed_subject.to_string(),
                text: text.to_string(),
            },
        );
    }
}

/// Cancels the phone change that is waiting out its 14 days.
pub async fn cancel_waiting(deps: &Deps<'_>, req: &Requester, user_id: i64) -> AppResult<()> {
    let now = deps.now;
    let c = repo::waiting(&deps.db.pool, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = deps.db.begin_write().await?;
    if !repo::finish(&mut tx, c.id, "waiting", "cancelled", now).await? {
        return Err(AppError::NotFound);
    }
    log(
        &mut tx,
        Some(user_id),
        "phone_change_cancelled",
        "",
        req,
        now,
    )
    .await?;
    let d = req.lang.account();
    accounts::add_security_message(&mut tx, user_id, d.msg_phone_change_cancelled, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Applies the phone changes whose 14 days are over (the server runs this every
/// minute). A number taken meanwhile by another account cancels the change.
pub async fn apply_due(deps: &Deps<'_>) -> AppResult<usize> {
    let now = deps.now;
    let mut tx = deps.db.begin_write().await?;
    let due = repo::due(&mut tx, now).await?;
    let d = crate::i18n::Lang::Ru.account();
    for c in &due {
        // Each change is closed first and conditionally: a cancellation committed
        // since `due` read it leaves it alone.
        if repo::taken(&mut tx, "phone", &c.new_value, c.user_id).await? {
            if repo::finish(&mut tx, c.id, "waiting", "cancelled", now).await? {
                accounts::add_security_message(
                    &mut tx,
                    c.user_id,
                    d.msg_phone_change_cancelled,
                    now,
                )
                .await?;
            }
            continue;
        }
        if !repo::finish(&mut tx, c.id, "waiting", "done", now).await? {
            continue;
        }
        repo::set_phone(&mut tx, c.user_id, &c.new_value).await?;
        let new = Phone::from_stored(c.new_value.clone());
        accounts::log_event(
            &mut tx,
            accounts::Event {
                user_id: Some(c.user_id),
                kind: "phone_changed",
                detail: &new.masked(),
                ip: "",
                user_agent: "",
                at: now,
            },
        )
        .await?;
        accounts::add_security_message(
            &mut tx,
            c.user_id,
            &fill(d.msg_phone_changed, &[&new.display()]),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(due.len())
}
