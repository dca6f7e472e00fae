//! Reviews' server functions: a product's reviews in the order asked, as data and
//! as the product page's section.

use crate::catalog::reviews::model::ReviewPage;
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::catalog::reviews::{model::ReviewSort, service},
    crate::platform::request::serve,
    crate::shared::error::Field,
};

/// Product `product`'s reviews: `sort` is new (the default), best or worst.
#[server(input = GetUrl, endpoint = "reviews")]
pub async fn get_reviews(product: String, sort: Option<String>) -> Result<ReviewPage, AppError> {
    serve(|cx| async move {
        let product = AppError::parse_id(&product, Field::Product)?;
        let sort = ReviewSort::parse(sort.as_deref().unwrap_or_default());
        service::page(&cx.st.db, product, sort).await
    })
    .await
}

/// Product `product`'s reviews section as HTML made on the server, in the
/// request's language: what the product page shows (see `render`).
#[server(input = GetUrl, endpoint = "reviews/section")]
pub async fn get_reviews_section(
    product: String,
    sort: Option<String>,
) -> Result<String, AppError> {
    serve(|cx| async move {
        let product = AppError::parse_id(&product, Field::Product)?;
        let sort = ReviewSort::parse(sort.as_deref().unwrap_or_default());
        let page = service::page(&cx.st.db, product, sort).await?;
        Ok(crate::catalog::reviews::render::section(
            crate::platform::request::lang(),
            &page,
        ))
    })
    .await
}
