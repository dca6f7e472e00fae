//! The header's one server function: who is signed in, with what the account menu
//! shows (the wallet's balance, the points, unread messages and notices). A guest gets nothing,
//! at the cost of the session lookup alone.

use crate::shared::error::AppError;
use crate::shared::money::Money;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::platform::request::serve;

/// What the header shows a signed-in shopper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountMenu {
    /// Rynok Account's balance that can be spent now (posted, less reserved).
    pub balance: Money,
    /// Points, in roubles (1 point = 1 ₽).
    pub points: Money,
    /// Unread messages from sellers and notices.
    pub unread: i64,
    /// The account's change counter: the badge's poll cursor.
    pub version: i64,
    /// Milliseconds between the badge's polls.
    pub poll_ms: u32,
    /// The staff roles the account holds (`Role::bit`s): the menu links to their
    /// screens. A number, not a list: it is decoded in every page's WASM.
    pub staff: u8,
}

/// The signed-in shopper's account menu, or nothing for a guest.
#[server(input = GetUrl, endpoint = "shell/account-menu")]
pub async fn get_account_menu() -> Result<Option<AccountMenu>, AppError> {
    serve(|cx| async move {
        let Some(me) = crate::account::current_session().await? else {
            return Ok(None);
        };
        let db = &cx.st.db;
        let (balance, points) = crate::wallet::menu_balances(db, me.user_id).await?;
        let grants = crate::staff::grants(db, me.user_id).await?;
        let sellers = grants.scopes(crate::staff::Role::SellerStaff);
        let (unread, version) = crate::chat::badge_of(db, me.user_id, &sellers).await?;
        Ok(Some(AccountMenu {
            balance,
            points,
            unread,
            version,
            poll_ms: crate::chat::poll_ms(&cx.st.settings.env, false),
            staff: grants.bits(),
        }))
    })
    .await
}
