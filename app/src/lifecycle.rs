//! Reactions that cross domains, in one place. A domain that must react to what
//! happens to an account (a sign-in, a deletion) plugs in here, so Rynok ID never
//! names the cart, and later orders, the wallet or the bonus card:
//!
//! - sign-in: the guest cart joins the account's;
//! - a recovery request: it becomes a support request;
//! - deletion: every domain may block it (open orders, money in the wallet, …),
//!   and every domain erases its data about the account with it.
//!
//! Callers are the use cases of Rynok ID; this module calls each domain's public
//! face only, never their files.

use crate::platform::db::{Db, Tx};
use crate::platform::request::Requester;
use crate::shared::error::{AppResult, Blocker};

/// Someone signed in to `user_id` (inside the sign-in's transaction).
pub async fn signed_in(tx: &mut Tx, req: &Requester, user_id: i64, now: i64) -> AppResult<()> {
    crate::cart::on_sign_in(tx, req, user_id, now).await?;
    Ok(())
}

/// Someone who lost both their number and their email asks to recover the
/// account (`account`, when the old number has one): the request goes to support's
/// queue as a request on "account", in the same transaction. Its number.
pub async fn recovery_requested(
    tx: &mut Tx,
    account: Option<i64>,
    text: &str,
    now: i64,
) -> AppResult<String> {
    let topic = (crate::chat::SupportTopic::Account, None);
    let text: String = text.chars().take(crate::chat::MAX_TEXT).collect();
    let (_, number) =
        crate::chat::open_support_request(tx, account.unwrap_or(0), topic, &text, now).await?;
    Ok(number)
}

/// What other domains say against deleting the account now: orders not received
/// yet, returns not dropped off; the wallet's money, withdrawals and top-ups under way, the Rynok Card. (The
/// cart says nothing; instalments will add theirs here.)
pub async fn deletion_blockers(db: &Db, user_id: i64) -> AppResult<Vec<Blocker>> {
    let mut out = crate::orders::deletion_blockers(db, user_id).await?;
    out.extend(crate::orders::returns_deletion_blockers(db, user_id).await?);
    out.extend(crate::wallet::deletion_blockers(db, user_id).await?);
    Ok(out)
}

/// The account is being erased (inside the erasing transaction): every domain
/// drops what it keeps about it.
pub async fn account_erased(tx: &mut Tx, user_id: i64) -> AppResult<()> {
    crate::cart::on_account_erased(tx, user_id).await?;
    crate::inbox::on_account_erased(tx, user_id).await?;
    crate::chat::on_account_erased(tx, user_id).await?;
    crate::catalog::alerts_on_account_erased(tx, user_id).await?;
    crate::catalog::favourites_on_account_erased(tx, user_id).await?;
    crate::orders::returns_on_account_erased(tx, user_id).await?;
    crate::catalog::reviews_on_account_erased(tx, user_id).await?;
    Ok(())
}
