//! Cart server functions. Those that change the cart are POST (the Origin check
//! in the server's middleware covers them); each parses its input, then calls the repo.

use crate::cart::model::CartView;
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
pub(crate) mod guest {
    use crate::platform::request;
    use crate::platform::security::{hash_token, is_token, random_token};

    pub const COOKIE: &str = "rynok_cart";
    const YEAR_SECS: i64 = 365 * 24 * 3600;

    /// The hash of this browser's cart token, if it has one.
    pub fn current() -> Option<String> {
        request::cookie(COOKIE)
            .filter(|t| is_token(t))
            .map(|t| hash_token(&t))
    }

    /// The hash of this browser's cart token, issuing a new token if it has none
    /// (new guest carts are limited per client: each one is a row).
    pub fn current_or_new() -> Result<String, crate::shared::error::AppError> {
        if let Some(h) = current() {
            return Ok(h);
        }
        request::limit(crate::platform::ratelimit::GUEST_CART)?;
        let token = random_token();
        request::set_cookie(COOKIE, &token, YEAR_SECS, true);
        Ok(hash_token(&token))
    }

    /// The cart key of this request: the account's when signed in, else the guest's.
    pub async fn owner() -> Result<Option<String>, crate::shared::error::AppError> {
        if let Some(s) = crate::account::session::current().await? {
            return Ok(Some(crate::cart::repo::user_key(s.user_id)));
        }
        Ok(current())
    }

    /// The cart key of this request, issuing a guest token if there is none.
    pub async fn owner_or_new() -> Result<String, crate::shared::error::AppError> {
        match owner().await? {
            Some(k) => Ok(k),
            None => current_or_new(),
        }
    }

    pub async fn cart_id(
        db: &crate::platform::db::Db,
    ) -> Result<Option<i64>, crate::shared::error::AppError> {
        match owner().await? {
            Some(h) => Ok(crate::cart::repo::find_cart(db, &h).await?),
            None => Ok(None),
        }
    }

    pub fn product_id(raw: &str) -> Result<i64, crate::shared::error::AppError> {
        crate::shared::error::AppError::parse_id(raw, "product", "unknown product")
    }
}

#[server(input = GetUrl, endpoint = "cart")]
pub async fn get_cart() -> Result<CartView, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let id = guest::cart_id(&st.db).await?;
            crate::cart::repo::view(&st.db, id).await
        }
        .await,
    )
}

/// Adds to the cart; answers with the number of units now in it.
#[server(endpoint = "cart/add")]
pub async fn add_to_cart(product_id: String, quantity: String) -> Result<i64, AppError> {
    crate::platform::request::answer(
        async move {
            use crate::cart::model::Quantity;
            let st = crate::platform::request::state()?;
            let product_id = guest::product_id(&product_id)?;
            let qty = Quantity::parse(&quantity)?;
            let hash = guest::owner_or_new().await?;
            crate::cart::repo::add(&st.db, &hash, product_id, qty, st.clock.now_ms()).await?;
            let id = crate::cart::repo::find_cart(&st.db, &hash).await?;
            Ok(crate::cart::repo::view(&st.db, id).await?.units)
        }
        .await,
    )
}

#[server(endpoint = "cart/quantity")]
pub async fn set_cart_quantity(product_id: String, quantity: String) -> Result<(), AppError> {
    crate::platform::request::answer(
        async move {
            use crate::cart::model::Quantity;
            let st = crate::platform::request::state()?;
            let product_id = guest::product_id(&product_id)?;
            let qty = Quantity::parse(&quantity)?;
            let cart = guest::cart_id(&st.db).await?.ok_or(AppError::NotFound)?;
            crate::cart::repo::set_quantity(&st.db, cart, product_id, qty, st.clock.now_ms()).await
        }
        .await,
    )
}

#[server(endpoint = "cart/remove")]
pub async fn remove_from_cart(product_id: String) -> Result<(), AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let product_id = guest::product_id(&product_id)?;
            let cart = guest::cart_id(&st.db).await?.ok_or(AppError::NotFound)?;
            crate::cart::repo::remove(&st.db, cart, product_id).await
        }
        .await,
    )
}

#[server(endpoint = "cart/select")]
pub async fn select_cart_item(product_id: String, selected: String) -> Result<(), AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let product_id = guest::product_id(&product_id)?;
            let selected = match selected.as_str() {
                "1" | "true" | "on" => true,
                "0" | "false" | "off" => false,
                _ => return Err(AppError::invalid("selected", "expected 0 or 1")),
            };
            let cart = guest::cart_id(&st.db).await?.ok_or(AppError::NotFound)?;
            crate::cart::repo::set_selected(&st.db, cart, product_id, selected).await
        }
        .await,
    )
}
