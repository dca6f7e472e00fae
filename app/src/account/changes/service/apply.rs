//! Confirming a change's code and taking its next step.

use super::open::*;
use crate::account::changes::model::{ChangeKind, ChangeState, ChangeStep};
use crate::account::changes::repo::{self as repo, ChangeRow};
use crate::account::otp::model::CODE_TTL_MS;
use crate::account::otp::model::Channel;
use crate::account::otp::model::MAX_FAILURES;
use crate::account::otp::model::OtpCode;
use crate::account::otp::model::Target;
use crate::account::otp::service::code_mac;
use crate::account::otp::service::wrong_code;
use crate::account::profile::repo::UserRow;
use crate::account::security::model::EventKind;
use crate::account::security::model::Notice;
use crate::account::security::repo as feed;
use crate::account::security::service::log;
use crate::account::security::service::send_later;
use crate::account::security::service::sms_account;
use crate::i18n::fill;
use crate::notify::Message;
use crate::platform::db::Tx;
use crate::platform::db::on_unique;
use crate::platform::request::Requester;
use crate::platform::state::Deps;
use crate::shared::email::Email;
use crate::shared::error::Field;
use crate::shared::error::{AppError, AppResult};
use crate::shared::phone::Phone;
use subtle::ConstantTimeEq;

/// Checks the code of the account's open change (`kinds`) and takes the next step.
pub async fn confirm(
    deps: &Deps<'_>,
    req: &Requester,
    user_id: i64,
    kinds: &[ChangeKind],
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
        log(
            &mut tx,
            Some(u.id),
            EventKind::ChangeCodeFailed,
            c.kind.as_str(),
            req,
            now,
        )
        .await?;
        tx.commit().await?;
        return Err(wrong_code(failures));
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
    match (c.kind, c.state) {
        (ChangeKind::Email, ChangeState::New) => {
            if repo::taken(tx, "email", &c.new_value, u.id).await? {
                return Err(AppError::Taken {
                    field: Field::Email,
                });
            }
            repo::set_email(tx, u.id, &c.new_value, now)
                .await
                .map_err(|e| on_unique(e, taken(Field::Email)))?;
            repo::finish(tx, c.id, ChangeState::New, ChangeState::Done, now).await?;
            log(
                tx,
                Some(u.id),
                EventKind::EmailChanged,
                &Email::from_stored(c.new_value.clone()).masked(),
                req,
                now,
            )
            .await?;
            feed::add_security_message(
                tx,
                u.id,
                &Notice::EmailChanged {
                    email: c.new_value.clone(),
                },
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
            // The phone hears of every new way to sign in.
            sms_account(deps, u, fill(d.sms_email_added, &[&c.new_value]));
            Ok(ChangeStep::EmailVerified)
        }
        (ChangeKind::Phone, ChangeState::Old) => {
            // The account is proven; now the new number.
            let new = Phone::from_stored(c.new_value.clone());
            next_code(deps, req, tx, c, Target::Phone(new, Channel::Sms)).await
        }
        (ChangeKind::Email, ChangeState::Old) => {
            // The phone is proven; now the new address.
            let new = Email::from_stored(c.new_value.clone());
            next_code(deps, req, tx, c, Target::Email(new)).await
        }
        (ChangeKind::Reauth, ChangeState::Old) => {
            mark_fresh(tx, c, now).await?;
            repo::finish(tx, c.id, ChangeState::Old, ChangeState::Done, now).await?;
            log(tx, Some(u.id), EventKind::Reauth, "", req, now).await?;
            Ok(ChangeStep::Reauthenticated)
        }
        (ChangeKind::Phone, ChangeState::New) => {
            if repo::taken(tx, "phone", &c.new_value, u.id).await? {
                return Err(AppError::Taken {
                    field: Field::Phone,
                });
            }
            repo::set_phone(tx, u.id, &c.new_value)
                .await
                .map_err(|e| on_unique(e, taken(Field::Phone)))?;
            repo::finish(tx, c.id, ChangeState::New, ChangeState::Done, now).await?;
            let new = Phone::from_stored(c.new_value.clone());
            log(
                tx,
                Some(u.id),
                EventKind::PhoneChanged,
                &new.masked(),
                req,
                now,
            )
            .await?;
            let notice = Notice::PhoneChanged {
                phone: new.display(),
            };
            feed::add_security_message(tx, u.id, &notice, now).await?;
            tell_old_contacts(deps, req, u, &fill(d.msg_phone_changed, &[&new.display()]));
            Ok(ChangeStep::PhoneChanged)
        }
        (ChangeKind::PhoneLost, ChangeState::New) => {
            if repo::taken(tx, "phone", &c.new_value, u.id).await? {
                return Err(AppError::Taken {
                    field: Field::Phone,
                });
            }
            let due = now + LOST_PHONE_WAIT_MS;
            let next = repo::Next {
                state: ChangeState::Waiting,
                code_target: &c.code_target,
                salt: "",
                code_hash: "",
                code_expires_at: 0,
                due_at: Some(due),
            };
            repo::advance(tx, c.id, next, now).await?;
            let new = Phone::from_stored(c.new_value.clone());
            let when = crate::shared::time::date_of(due);
            log(
                tx,
                Some(u.id),
                EventKind::PhoneChangeRequested,
                &new.masked(),
                req,
                now,
            )
            .await?;
            let text = fill(d.msg_phone_change_waiting, &[&new.masked(), &when]);
            let notice = Notice::PhoneChangeWaiting {
                phone: new.masked(),
                date: when.clone(),
            };
            feed::add_security_message(tx, u.id, &notice, now).await?;
            tell_old_contacts(deps, req, u, &text);
            Ok(ChangeStep::PhoneWaiting { due_at: due })
        }
        (ChangeKind::Delete, ChangeState::Old) => {
            let (reason, comment) = c.detail.split_once('\n').unwrap_or((&c.detail, ""));
            repo::record_deletion_reason(tx, reason, comment, now).await?;
            repo::finish(tx, c.id, ChangeState::Old, ChangeState::Done, now).await?;
            repo::erase(tx, u.id, now).await?;
            crate::lifecycle::account_erased(tx, u.id).await?;
            Ok(ChangeStep::Deleted)
        }
        _ => Err(AppError::CodeExpired),
    }
}

/// The proof of the account's current phone (or email) was given: the session is
/// fresh, and the next code goes to `target`, the value being added.
async fn next_code(
    deps: &Deps<'_>,
    req: &Requester,
    tx: &mut Tx,
    c: &ChangeRow,
    target: Target,
) -> AppResult<ChangeStep> {
    let now = deps.now;
    mark_fresh(tx, c, now).await?;
    let (salt, mac, code) = send_code(deps, req, tx, &target).await?;
    let next = repo::Next {
        state: ChangeState::New,
        code_target: target.key(),
        salt: &salt,
        code_hash: &mac,
        code_expires_at: now + CODE_TTL_MS,
        due_at: None,
    };
    repo::advance(tx, c.id, next, now).await?;
    deliver(deps, req, &target, &code);
    Ok(ChangeStep::CodeSent {
        to: target.masked(),
    })
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

fn taken(field: Field) -> AppError {
    AppError::Taken { field }
}
