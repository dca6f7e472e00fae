//! Cart server functions. Those that change the cart are POST (the Origin check
//! in the server's middleware covers them); each parses its input, then calls
//! one use case of `cart::service`.

use crate::cart::model::CartView;
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::cart::model::Quantity,
    crate::cart::service,
    crate::platform::request::serve,
    crate::shared::error::{Field, Problem},
};

#[cfg(feature = "ssr")]
mod guest {
    use crate::cart::service::{GUEST_COOKIE, guest_key, user_key};
    use crate::platform::db::Db;
    use crate::platform::request;
    use crate::platform::security::{hash_token, random_token};
    use crate::shared::error::{AppError, Field};

    const YEAR_SECS: i64 = 365 * 24 * 3600;

    /// The cart key of this browser's guest token, if it has one.
    fn current() -> Option<String> {
        request::cookie(GUEST_COOKIE).and_then(|t| guest_key(&t))
    }

    /// The cart key of this request: the account's when signed in, else the guest's.
    pub async fn owner() -> Result<Option<String>, AppError> {
        if let Some(s) = crate::account::current_session().await? {
            return Ok(Some(user_key(s.user_id)));
        }
        Ok(current())
    }

    /// The cart key of this request, issuing a guest token if there is none (new
    /// guest carts are limited per client: each one is a row).
    pub async fn owner_or_new() -> Result<String, AppError> {
        if let Some(k) = owner().await? {
            return Ok(k);
        }
        request::limit(crate::platform::ratelimit::GUEST_CART)?;
        let token = random_token();
        request::set_cookie(GUEST_COOKIE, &token, YEAR_SECS, true);
        Ok(hash_token(&token))
    }

    /// This request's cart, if it has one.
    pub async fn cart_id(db: &Db) -> Result<Option<i64>, AppError> {
        match owner().await? {
            Some(k) => Ok(crate::cart::repo::find_cart(&db.pool, &k).await?),
            None => Ok(None),
        }
    }

    pub fn product_id(raw: &str) -> Result<i64, AppError> {
        AppError::parse_id(raw, Field::Product)
    }
}

#[server(input = GetUrl, endpoint = "cart")]
pub async fn get_cart() -> Result<CartView, AppError> {
    serve(|cx| async move {
        let id = guest::cart_id(&cx.st.db).await?;
        service::view(&cx.st.db, id).await
    })
    .await
}

/// Adds to the cart; answers with the number of units now in it.
#[server(endpoint = "cart/add")]
pub async fn add_to_cart(product_id: String, quantity: String) -> Result<i64, AppError> {
    serve(|cx| async move {
        let product_id = guest::product_id(&product_id)?;
        let qty = Quantity::parse(&quantity)?;
        let owner = guest::owner_or_new().await?;
        let db = &cx.st.db;
        service::add(db, &owner, product_id, qty, cx.deps().now).await?;
        let id = crate::cart::repo::find_cart(&db.pool, &owner).await?;
        Ok(service::view(db, id).await?.units)
    })
    .await
}

#[server(endpoint = "cart/quantity")]
pub async fn set_cart_quantity(product_id: String, quantity: String) -> Result<(), AppError> {
    serve(|cx| async move {
        let product_id = guest::product_id(&product_id)?;
        let qty = Quantity::parse(&quantity)?;
        let cart = guest::cart_id(&cx.st.db).await?.ok_or(AppError::NotFound)?;
        service::set_quantity(&cx.st.db, cart, product_id, qty, cx.deps().now).await
    })
    .await
}

#[server(endpoint = "cart/remove")]
pub async fn remove_from_cart(product_id: String) -> Result<(), AppError> {
    serve(|cx| async move {
        let product_id = guest::product_id(&product_id)?;
        let cart = guest::cart_id(&cx.st.db).await?.ok_or(AppError::NotFound)?;
        service::remove(&cx.st.db, cart, product_id).await
    })
    .await
}

#[server(endpoint = "cart/select")]
pub async fn select_cart_item(product_id: String, selected: String) -> Result<(), AppError> {
    serve(|cx| async move {
        let product_id = guest::product_id(&product_id)?;
        let selected = match selected.as_str() {
            "1" | "true" | "on" => true,
            "0" | "false" | "off" => false,
            _ => return Err(AppError::invalid(Field::Selected, Problem::Unknown)),
        };
        let cart = guest::cart_id(&cx.st.db).await?.ok_or(AppError::NotFound)?;
        service::set_selected(&cx.st.db, cart, product_id, selected).await
    })
    .await
}
