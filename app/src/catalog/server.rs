//! Catalogue server functions: read-only, so they are GET and cacheable.

use crate::catalog::model::{CategoryTile, Home, Listing, ProductDetail, Suggestion};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[server(input = GetUrl)]
pub async fn get_home() -> Result<Home, AppError> {
    let st = crate::request::state()?;
    crate::catalog::repo::home(&st.db, crate::request::lang()).await
}

/// A category page (`category` is its slug) or search results, for the raw query string.
#[server(input = GetUrl)]
pub async fn get_listing(category: Option<String>, query: String) -> Result<Listing, AppError> {
    use crate::catalog::filters::{Filters, decode_query};
    let st = crate::request::state()?;
    let (filters, notices) = Filters::parse(&decode_query(&query));
    crate::catalog::repo::listing(
        &st.db,
        crate::request::lang(),
        category.as_deref(),
        filters,
        notices,
    )
    .await
}

/// A product page; `key` is the last path segment ("smartfon-x-42").
#[server(input = GetUrl)]
pub async fn get_product(key: String) -> Result<ProductDetail, AppError> {
    let st = crate::request::state()?;
    let id = crate::catalog::model::parse_product_key(&key).ok_or(AppError::NotFound)?;
    crate::catalog::repo::product(&st.db, crate::request::lang(), id, &st.settings.public_url).await
}

#[server(input = GetUrl)]
pub async fn suggest(q: String) -> Result<Vec<Suggestion>, AppError> {
    let st = crate::request::state()?;
    let q: String = q
        .chars()
        .take(crate::catalog::filters::MAX_QUERY_CHARS)
        .collect();
    crate::catalog::repo::suggest(&st.db, crate::request::lang(), &q).await
}

#[server(input = GetUrl)]
pub async fn get_menu() -> Result<Vec<CategoryTile>, AppError> {
    let st = crate::request::state()?;
    crate::catalog::repo::menu(&st.db, crate::request::lang()).await
}
