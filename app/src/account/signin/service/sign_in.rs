//! What every sign-in does inside its transaction, however it was proven.

use crate::account::profile::repo::UserRow;
use crate::account::security::model::EventKind;
use crate::account::security::model::Notice;
use crate::account::security::repo as feed;
use crate::account::security::service::{email_account, log};
use crate::account::session::model::describe_browser;
use crate::account::session::service as session;
use crate::i18n::fill;
use crate::platform::db::Tx;
use crate::platform::request::Requester;
use crate::platform::state::Deps;
use crate::shared::error::AppResult;

/// The part of every sign-in inside its transaction: a new session, what other
/// domains do at sign-in (`lifecycle`), the security log and the Security feed.
pub async fn sign_in(
    tx: &mut Tx,
    deps: &Deps<'_>,
    req: &Requester,
    user: &UserRow,
    method: &str,
) -> AppResult<String> {
    let now = deps.now;
    // The alert is for the account's other devices: with none, it is seen already.
    let alone = !crate::account::session::repo::has_live_session(
        tx,
        user.id,
        now,
        deps.settings.session_idle_ms,
    )
    .await?;
    let token = session::create(tx, user.id, deps.settings, now, &req.user_agent, &req.ip).await?;
    crate::lifecycle::signed_in(tx, req, user.id, now).await?;
    log(tx, Some(user.id), EventKind::Signin, method, req, now).await?;
    let notice = Notice::SignedIn {
        browser: describe_browser(&req.user_agent),
        ip: req.ip.clone(),
    };
    feed::add_security_message(tx, user.id, &notice, now).await?;
    if alone {
        feed::mark_security_read(tx, user.id).await?;
    }
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
pub(super) fn browser_of(req: &Requester) -> String {
    let browser = describe_browser(&req.user_agent);
    if browser.is_empty() {
        req.lang.account().unknown_browser.to_string()
    } else {
        browser
    }
}
