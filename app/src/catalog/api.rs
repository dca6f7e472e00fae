//! Catalogue server functions: read-only, so they are GET and cacheable.

use crate::catalog::model::{CategoryTile, Home, Listing, ProductDetail, Suggestion};
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::catalog::filters::{Filters, MAX_QUERY_CHARS, decode_query},
    crate::catalog::model::parse_product_key,
    crate::catalog::service,
    crate::platform::ratelimit::SEARCH,
    crate::platform::request::{self, lang, serve},
};

#[server(input = GetUrl, endpoint = "catalog/home")]
pub async fn get_home() -> Result<Home, AppError> {
    serve(|cx| async move { service::home(&cx.st.db, lang()).await }).await
}

/// A category page (`category` is its slug) or search results, for the raw query string.
#[server(input = GetUrl, endpoint = "catalog/listing")]
pub async fn get_listing(category: Option<String>, query: String) -> Result<Listing, AppError> {
    serve(|cx| async move {
        let (filters, notices) = Filters::parse(&decode_query(&query));
        if filters.q.is_some() {
            request::limit(SEARCH)?;
        }
        service::listing(&cx.st.db, lang(), category.as_deref(), filters, notices).await
    })
    .await
}

/// A product page; `key` is the last path segment ("smartfon-x-42").
#[server(input = GetUrl, endpoint = "catalog/product")]
pub async fn get_product(key: String) -> Result<ProductDetail, AppError> {
    serve(|cx| async move {
        let id = parse_product_key(&key).ok_or(AppError::NotFound)?;
        let mut p = service::product(&cx.st.db, lang(), id, &cx.st.settings.public_url).await?;
        // Only for the shopper who asks: a signed-in page is never shared.
        if let Some(me) = crate::account::current_session().await? {
            p.favourite =
                Some(crate::catalog::favourites::service::has(&cx.st.db, me.user_id, id).await?);
        }
        Ok(p)
    })
    .await
}

#[server(input = GetUrl, endpoint = "catalog/suggest")]
pub async fn suggest(q: String) -> Result<Vec<Suggestion>, AppError> {
    serve(|cx| async move {
        request::limit(SEARCH)?;
        let q: String = q.chars().take(MAX_QUERY_CHARS).collect();
        service::suggest(&cx.st.db, lang(), &q).await
    })
    .await
}

#[server(input = GetUrl, endpoint = "catalog/menu")]
pub async fn get_menu() -> Result<Vec<CategoryTile>, AppError> {
    serve(|cx| async move { service::menu(&cx.st.db, lang()).await }).await
}
