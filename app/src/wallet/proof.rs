//! [ssr] The code to the phone that confirms a wallet operation (a withdrawal, a
//! Rynok Card application): the format of what the shopper typed, the checks before
//! it is compared, and sending it. Each operation keeps its own salt, MAC, expiry
//! and wrong tries, and binds the code to what it confirms.

use crate::account::{MAX_CODE_FAILURES, code_mac};
use crate::notify::Message;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::phone::Phone;
use crate::wallet::withdrawals::model::CodeSent;

/// The six digits the shopper typed (spaces around them dropped), or why not.
pub fn typed_code(code: &str) -> AppResult<&str> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::invalid(Field::Code, Problem::SixDigits));
    }
    Ok(code)
}

/// What an operation waiting for its code keeps about it.
pub struct Waiting<'a> {
    /// Whether the operation still waits for its code (not confirmed or replaced).
    pub awaiting: bool,
    pub expires_at: i64,
    pub failures: i64,
    pub salt: &'a str,
    pub mac: &'a str,
}

/// Compares `bound` (the typed code joined with what it confirms) with the kept
/// MAC: an error when the code no longer works (confirmed already, expired, too
/// many wrong tries), false when it does not match (the caller counts the failure
/// in its own row and answers `account::wrong_code`).
pub fn matches(secret: &[u8], now: i64, w: &Waiting<'_>, bound: &str) -> AppResult<bool> {
    if !w.awaiting || now >= w.expires_at {
        return Err(AppError::CodeExpired);
    }
    if w.failures >= MAX_CODE_FAILURES {
        return Err(AppError::CodeBurned);
    }
    Ok(code_mac(secret, w.salt, bound) == w.mac)
}

/// Sends `text` (which carries the code) to `phone` by SMS, once the operation
/// waiting for it is committed, and says where it went.
pub async fn send(deps: &Deps<'_>, phone: &Phone, id: i64, text: String) -> AppResult<CodeSent> {
    deps.notifier
        .send(&Message::Sms {
            to: phone.clone(),
            text,
        })
        .await
        .map_err(AppError::internal)?;
    Ok(CodeSent {
        id,
        to: phone.masked(),
    })
}
