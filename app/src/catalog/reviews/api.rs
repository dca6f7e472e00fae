//! Reviews' server function: a product's reviews in the order asked.

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
