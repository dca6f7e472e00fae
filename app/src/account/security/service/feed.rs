//! The copy of a live sign-in code in the account's Security messages, for the
//! person signed in on another device: sealed, shown while it lives, then erased.

use crate::account::profile::repo::UserRow;
use crate::account::security::repo;
use crate::account::session::repo::has_live_session;
use crate::platform::db::Tx;
use crate::platform::state::Deps;
use crate::shared::error::AppResult;

/// A person signed in elsewhere sees the code in the account's Security messages
/// too: sealed (key from APP_SECRET), shown while it lives, erased with its attempt.
pub struct FeedCode<'a> {
    pub code: &'a str,
    pub attempt_id: i64,
    pub expires_at: i64,
}

pub async fn copy_to_security_feed(
    tx: &mut Tx,
    deps: &Deps<'_>,
    user: &UserRow,
    c: FeedCode<'_>,
) -> AppResult<()> {
    let live = has_live_session(tx, user.id, deps.now, deps.settings.session_idle_ms).await?;
    if live {
        let message = repo::CodeMessage {
            user_id: user.id,
            sealed: &seal_feed_code(&deps.settings.secret, user.id, c.code),
            expires_at: c.expires_at,
            attempt_id: c.attempt_id,
            now: deps.now,
        };
        repo::add_code_message(tx, message).await?;
    }
    Ok(())
}

const FEED_CODE: &str = "security feed code";

fn seal_feed_code(secret: &[u8], user_id: i64, code: &str) -> String {
    crate::platform::security::seal(secret, FEED_CODE, &format!("user {user_id}"), code)
}

/// The code of a Security message, if its seal opens for this account.
pub fn unseal_feed_code(secret: &[u8], user_id: i64, sealed: &str) -> Option<String> {
    crate::platform::security::unseal(secret, FEED_CODE, &format!("user {user_id}"), sealed)
}
