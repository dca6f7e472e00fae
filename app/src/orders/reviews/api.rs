//! Server functions of writing a review: the lines to review, one line's form,
//! the review (a multipart form: it carries photos), and changing or deleting it.

use crate::orders::reviews::model::{ReviewForm, ToReview};
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    crate::account::{current_session, signed_in},
    crate::orders::reviews::service,
    crate::platform::request::serve,
    crate::shared::error::Field,
};

/// The lines of the signed-in shopper's order `order` they received, each marked
/// when reviewed. `None` for a guest.
#[server(input = GetUrl, endpoint = "reviews/to-write")]
pub async fn get_to_review(order: String) -> Result<Option<Vec<ToReview>>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let order = AppError::parse_id(&order, Field::Id)?;
        service::to_review(&cx.st.db, me.user_id, order)
            .await
            .map(Some)
    })
    .await
}

/// The review form of line `item` of the signed-in shopper's order `order`.
/// `None` for a guest.
#[server(input = GetUrl, endpoint = "reviews/form")]
pub async fn get_review_form(order: String, item: String) -> Result<Option<ReviewForm>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let order = AppError::parse_id(&order, Field::Id)?;
        let item = AppError::parse_id(&item, Field::Selected)?;
        service::form(&cx.st.db, me.user_id, order, item)
            .await
            .map(Some)
    })
    .await
}

/// The shopper reviews a line they received: fields `order`, `item`, `rating`
/// (1 to 5), `text` and up to three `photo` files. Sends the browser to the
/// product's reviews, or back to the form when the review waits for a check.
#[server(input = MultipartFormData, endpoint = "reviews/create")]
pub async fn create_review(data: MultipartData) -> Result<i64, AppError> {
    signed_in(|cx, me| async move {
        let form = crate::platform::upload::read(data, crate::catalog::REVIEW_PHOTOS).await?;
        let r = service::ReviewRequest {
            order: AppError::parse_id(form.get("order"), Field::Id)?,
            item: AppError::parse_id(form.get("item"), Field::Selected)?,
            rating: form.get("rating").to_string(),
            text: form.get("text").to_string(),
            photos: form.photos,
        };
        let (order, item) = (r.order, r.item);
        let (product, published) = service::create(&cx.deps(), me.user_id, r).await?;
        if published {
            let path = crate::catalog::product_path(product, "");
            leptos_axum::redirect(&format!("{path}?reviewed=1#reviews"));
        } else {
            leptos_axum::redirect(&format!("/orders/{order}/review/{item}"));
        }
        Ok(product)
    })
    .await
}

/// The shopper changes their review of line `item` of order `order`: `rating` and
/// `text` (the photos stay). Comes back to the form, which says where it stands.
#[server(endpoint = "reviews/edit")]
pub async fn edit_review(
    order: String,
    item: String,
    rating: String,
    text: String,
) -> Result<bool, AppError> {
    signed_in(|cx, me| async move {
        let order = AppError::parse_id(&order, Field::Id)?;
        let item = AppError::parse_id(&item, Field::Selected)?;
        let (_, status) =
            crate::catalog::edit_review(&cx.deps(), me.user_id, item, &rating, &text).await?;
        leptos_axum::redirect(&format!("/orders/{order}/review/{item}?saved=1"));
        Ok(status == crate::catalog::ReviewStatus::Published)
    })
    .await
}

/// The shopper deletes their review of line `item` of order `order`, and goes back
/// to the order.
#[server(endpoint = "reviews/delete")]
pub async fn delete_review(order: String, item: String) -> Result<i64, AppError> {
    signed_in(|cx, me| async move {
        let order = AppError::parse_id(&order, Field::Id)?;
        let item = AppError::parse_id(&item, Field::Selected)?;
        let product = crate::catalog::delete_review(&cx.deps(), me.user_id, item).await?;
        leptos_axum::redirect(&format!("/orders/{order}"));
        Ok(product)
    })
    .await
}
