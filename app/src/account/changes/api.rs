//! Server functions for "My data": the profile, the email, the phone, deletion and
//! the recovery request.

use crate::account::model::{AccountView, ChangeStep};
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::account::server::ctx;

/// Everything the "My data" page shows.
#[server(input = GetUrl, endpoint = "account/profile")]
pub async fn get_account() -> Result<Option<AccountView>, AppError> {
    crate::platform::request::answer(
        async move {
            use crate::account::model::{Me, Profile};
            let st = crate::platform::request::state()?;
            let Some(s) = crate::account::session::current().await? else {
                return Ok(None);
            };
            let Some(u) = crate::account::repo::user_by_id(&st.db, s.user_id).await? else {
                return Ok(None);
            };
            let p = crate::account::changes::repo::profile(&st.db, u.id).await?;
            let mut tx = st.db.pool.begin().await?;
            let pending = crate::account::changes::repo::open(
                &mut tx,
                u.id,
                &["email", "phone", "phone_lost", "delete"],
            )
            .await?
            .map(|c| {
                let to = if c.code_target.contains('@') {
                    crate::account::model::Email::from_stored(c.code_target).masked()
                } else {
                    crate::account::model::Phone::from_stored(c.code_target).masked()
                };
                (c.kind, to)
            });
            drop(tx);
            let waiting = crate::account::changes::repo::waiting(&st.db.pool, u.id)
                .await?
                .map(|c| {
                    (
                        crate::account::model::Phone::from_stored(c.new_value).display(),
                        c.due_at.unwrap_or(0),
                    )
                });
            let discounts = crate::account::repo::open_discounts(&st.db, u.id)
                .await?
                .into_iter()
                .map(|(_, pct, max)| (pct, max))
                .collect();
            Ok(Some(AccountView {
                me: Me {
                    id: u.id,
                    name: format!("{} {}", u.first_name, u.last_name)
                        .trim()
                        .to_string(),
                    phone: u.phone.map(|p| p.display()).unwrap_or_default(),
                    email: u.email.map(|e| e.as_str().to_string()),
                    email_verified: u.email_verified,
                },
                profile: Profile {
                    last_name: p.last_name,
                    first_name: p.first_name,
                    middle_name: p.middle_name,
                    gender: p.gender,
                    birth_date: p.birth_date.unwrap_or_default(),
                    newsletter: p.newsletter,
                },
                pending_code: pending,
                waiting_phone: waiting,
                discounts,
            }))
        }
        .await,
    )
}

#[server(endpoint = "account/profile/save")]
pub async fn save_profile(
    last_name: String,
    first_name: String,
    middle_name: String,
    gender: Option<String>,
    birth_date: Option<String>,
    newsletter: Option<String>,
) -> Result<(), AppError> {
    crate::platform::request::answer(
        async move {
            use crate::account::model::{Profile, date_of};
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            let today = date_of(st.clock.now_ms());
            let p = Profile::parse(
                &last_name,
                &first_name,
                &middle_name,
                gender.as_deref().unwrap_or(""),
                birth_date.as_deref().unwrap_or(""),
                matches!(newsletter.as_deref(), Some("on" | "true" | "1")),
                &today,
            )
            .map_err(|(field, why)| AppError::invalid(field, why))?;
            let row = crate::account::changes::repo::ProfileRow {
                last_name: p.last_name,
                first_name: p.first_name,
                middle_name: p.middle_name,
                gender: p.gender,
                birth_date: (!p.birth_date.is_empty()).then_some(p.birth_date),
                newsletter: p.newsletter,
            };
            crate::account::changes::repo::save_profile(&st.db, s.user_id, &row).await?;
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "account/email/start")]
pub async fn email_start(email: String) -> Result<ChangeStep, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            let email = ctx::email(&email)?;
            crate::account::changes::start_email(&ctx::deps(&st), &ctx::requester(), &s, email)
                .await
        }
        .await,
    )
}

/// Confirms the code of whichever change is waiting for one (email, phone, deletion).
#[server(endpoint = "account/change/confirm")]
pub async fn change_confirm(code: String) -> Result<ChangeStep, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            let code = crate::account::model::OtpCode::from_field(&code)?;
            let step = crate::account::changes::confirm(
                &ctx::deps(&st),
                &ctx::requester(),
                s.user_id,
                &["email", "phone", "phone_lost", "delete"],
                &code,
            )
            .await?;
            if step == ChangeStep::Deleted {
                crate::platform::request::clear_cookie(crate::account::session::cookie_name(
                    &st.settings,
                ));
            }
            Ok(step)
        }
        .await,
    )
}

/// Starts a phone change; `lost` ("on") when the old number is out of reach.
#[server(endpoint = "account/phone/start")]
pub async fn phone_start(phone: String, lost: Option<String>) -> Result<ChangeStep, AppError> {
    crate::platform::request::answer(
        async move {
            use crate::account::model::Phone;
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            let target = ctx::phone(&phone, "sms")?;
            let crate::account::signin::Target::Phone(new, _) = target else {
                return Err(AppError::invalid("phone", "wrong_length"));
            };
            let new: Phone = new;
            let lost = matches!(lost.as_deref(), Some("on" | "true" | "1"));
            crate::account::changes::start_phone(&ctx::deps(&st), &ctx::requester(), &s, new, lost)
                .await
        }
        .await,
    )
}

#[server(endpoint = "account/phone/cancel")]
pub async fn phone_cancel() -> Result<(), AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            crate::account::changes::cancel_waiting(&ctx::deps(&st), &ctx::requester(), s.user_id)
                .await
        }
        .await,
    )
}

#[server(endpoint = "account/delete/start")]
pub async fn delete_start(reason: String, comment: Option<String>) -> Result<ChangeStep, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            crate::account::changes::deletion::start_delete(
                &ctx::deps(&st),
                &ctx::requester(),
                s.user_id,
                &reason,
                comment.as_deref().unwrap_or(""),
            )
            .await
        }
        .await,
    )
}

/// A request for support when both the phone and the email are lost; answers its number.
#[server(endpoint = "account/recovery")]
pub async fn recovery_request(
    full_name: String,
    old_phone: String,
    new_phone: String,
    order_number: String,
) -> Result<String, AppError> {
    crate::platform::request::answer(
        async move {
            use crate::account::changes::repo::{NewRecovery, insert_recovery, recent_recoveries};
            let st = crate::platform::request::state()?;
            let name = full_name.split_whitespace().collect::<Vec<_>>().join(" ");
            if name.is_empty()
                || name.chars().count() > 150
                || !name
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'))
            {
                return Err(AppError::invalid("full_name", "letters"));
            }
            let old = ctx::phone(&old_phone, "sms")?;
            let new = ctx::phone(&new_phone, "sms")?;
            let order = order_number.trim();
            if order.is_empty()
                || order.len() > 20
                || !order.bytes().all(|b| b.is_ascii_digit() || b == b'-')
            {
                return Err(AppError::invalid("order_number", "digits"));
            }
            let (
                crate::account::signin::Target::Phone(old, _),
                crate::account::signin::Target::Phone(new, _),
            ) = (old, new)
            else {
                return Err(AppError::Internal);
            };
            let ip = crate::platform::request::client_ip();
            let now = st.clock.now_ms();
            let mut tx = st.db.begin_write().await?;
            if recent_recoveries(&mut tx, &ip, now - 3_600_000).await? >= 5 {
                return Err(AppError::TooManyRequests {
                    retry_after_secs: 3600,
                });
            }
            let id = insert_recovery(
                &mut tx,
                NewRecovery {
                    full_name: &name,
                    old_phone: old.as_str(),
                    new_phone: new.as_str(),
                    order_number: order,
                    ip: &ip,
                    now,
                },
            )
            .await?;
            tx.commit().await?;
            let number = format!("В-{id:06}");
            if crate::platform::request::accepts_html() {
                // A plain form post: show the number on the page it goes back to.
                let n = crate::catalog::filters::percent_encode(&number);
                leptos_axum::redirect(&format!("/signin/recovery?n={n}"));
            }
            Ok(number)
        }
        .await,
    )
}

/// Sends a code that proves the account afresh in this session (before adding a
/// passkey).
#[server(endpoint = "account/reauth/start")]
pub async fn reauth_start() -> Result<ChangeStep, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            crate::account::changes::start_reauth(&ctx::deps(&st), &ctx::requester(), &s).await
        }
        .await,
    )
}

/// Checks the code sent by [`reauth_start`].
#[server(endpoint = "account/reauth/confirm")]
pub async fn reauth_confirm(code: String) -> Result<ChangeStep, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            let code = crate::account::model::OtpCode::from_field(&code)?;
            let deps = ctx::deps(&st);
            crate::account::changes::confirm(
                &deps,
                &ctx::requester(),
                s.user_id,
                &["reauth"],
                &code,
            )
            .await
        }
        .await,
    )
}
