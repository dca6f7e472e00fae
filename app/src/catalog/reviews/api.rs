//! Reviews' server functions: a product's reviews in the order asked, as data and
//! as the product page's section; the agents' queue of held reviews and their
//! decision.

use crate::catalog::reviews::model::{HeldReview, ReviewPage};
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::{current_session, signed_in},
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

/// The reviews held for an agent (the support role), oldest first. `None` for a
/// guest; `Forbidden` for anyone else.
#[server(input = GetUrl, endpoint = "reviews/held")]
pub async fn get_held_reviews() -> Result<Option<Vec<HeldReview>>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        Ok(Some(service::held(&cx.st.db, me.user_id).await?))
    })
    .await
}

/// An agent publishes held review `review` (`publish` = "1") or rejects it ("0")
/// with `reason`, which its author is told.
#[server(endpoint = "reviews/decide")]
pub async fn decide_review(
    review: String,
    publish: String,
    reason: String,
) -> Result<bool, AppError> {
    signed_in(|cx, me| async move {
        let review = AppError::parse_id(&review, Field::Id)?;
        let publish = AppError::parse_on_off(&publish)?;
        service::decide(&cx.deps(), me.user_id, review, publish, &reason).await?;
        Ok(publish)
    })
    .await
}
