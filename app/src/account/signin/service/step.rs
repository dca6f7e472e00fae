//! Where a sign-in stands, read from its cookie, for rendering the page.

use super::attempt::{target_of, usable};
use crate::account::otp::model::{RESEND_MS, ceil_secs};
use crate::account::signin::model::SignInStep;
use crate::account::signin::repo;
use crate::platform::db::Db;
use crate::platform::security::hash_token;
use crate::shared::error::{AppError, AppResult};

/// The step an attempt cookie stands at, for rendering the page.
pub async fn step(db: &Db, attempt_token: Option<&str>, now: i64) -> AppResult<SignInStep> {
    let Some(token) = attempt_token else {
        return Ok(SignInStep::Start);
    };
    let mut tx = db.pool.begin().await?;
    let a = match usable(
        repo::attempt_by_token(&mut tx, &hash_token(token)).await?,
        now,
    ) {
        Ok(a) => a,
        Err(AppError::CodeExpired) => return Ok(SignInStep::Start),
        Err(e) => return Err(e),
    };
    let target = target_of(&a, None)?;
    if a.verified_at.is_some() {
        return Ok(SignInStep::Terms {
            to: target.masked(),
        });
    }
    Ok(SignInStep::Code {
        to: target.masked(),
        channel: target.channel(),
        resend_in: ceil_secs((a.last_sent_at + RESEND_MS - now).max(0)),
    })
}
