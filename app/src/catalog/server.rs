//! Catalogue server functions: read-only, so they are GET and cacheable.

use crate::catalog::model::{CategoryTile, Home, Listing, ProductDetail, Suggestion};
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[server(input = GetUrl, endpoint = "catalog/home")]
pub async fn get_home() -> Result<Home, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            crate::catalog::repo::home(&st.db, crate::platform::request::lang()).await
        }
        .await,
    )
}

/// A category page (`category` is its slug) or search results, for the raw query string.
#[server(input = GetUrl, endpoint = "catalog/listing")]
pub async fn get_listing(category: Option<String>, query: String) -> Result<Listing, AppError> {
    crate::platform::request::answer(
        async move {
            use crate::catalog::filters::{Filters, decode_query};
            let st = crate::platform::request::state()?;
            let (filters, notices) = Filters::parse(&decode_query(&query));
            if filters.q.is_some() {
                crate::platform::request::limit(crate::platform::ratelimit::SEARCH)?;
            }
            crate::catalog::repo::listing(
                &st.db,
                crate::platform::request::lang(),
                category.as_deref(),
                filters,
                notices,
            )
            .await
        }
        .await,
    )
}

/// A product page; `key` is the last path segment ("smartfon-x-42").
#[server(input = GetUrl, endpoint = "catalog/product")]
pub async fn get_product(key: String) -> Result<ProductDetail, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let id = crate::catalog::model::parse_product_key(&key).ok_or(AppError::NotFound)?;
            crate::catalog::repo::product(
                &st.db,
                crate::platform::request::lang(),
                id,
                &st.settings.public_url,
            )
            .await
        }
        .await,
    )
}

#[server(input = GetUrl, endpoint = "catalog/suggest")]
pub async fn suggest(q: String) -> Result<Vec<Suggestion>, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            crate::platform::request::limit(crate::platform::ratelimit::SEARCH)?;
            let q: String = q
                .chars()
                .take(crate::catalog::filters::MAX_QUERY_CHARS)
                .collect();
            crate::catalog::repo::suggest(&st.db, crate::platform::request::lang(), &q).await
        }
        .await,
    )
}

#[server(input = GetUrl, endpoint = "catalog/menu")]
pub async fn get_menu() -> Result<Vec<CategoryTile>, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            crate::catalog::repo::menu(&st.db, crate::platform::request::lang()).await
        }
        .await,
    )
}
