//! Writing a review of a line the shopper received: the lines still to review,
//! one line's form, and the review itself, checked against the order in the
//! transaction that writes it (catalog keeps it and the product's rating).

use crate::catalog::{REVIEW_PHOTOS, parse_rating, parse_review_text};
use crate::orders::model::order_number;
use crate::orders::reviews::model::{ReviewForm, ToReview};
use crate::orders::reviews::repo;
use crate::platform::db::Db;
use crate::platform::photo;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult};

/// The received lines of `user`'s order `order`, each marked when reviewed.
pub async fn to_review(db: &Db, user: i64, order: i64) -> AppResult<Vec<ToReview>> {
    let lines = {
        let mut conn = db.pool.acquire().await?;
        repo::received(&mut conn, user, order).await?
    };
    let ids: Vec<i64> = lines.iter().map(|l| l.0).collect();
    let done = crate::catalog::reviewed(db, &ids).await?;
    Ok(lines
        .into_iter()
        .map(|(item, product, title)| ToReview {
            item,
            product,
            title,
            reviewed: done.contains(&item),
        })
        .collect())
}

/// The form for line `item` of `user`'s order `order`: not found unless they
/// received it; with their review when they wrote one (the form changes it).
pub async fn form(db: &Db, user: i64, order: i64, item: i64) -> AppResult<ReviewForm> {
    let lines = {
        let mut conn = db.pool.acquire().await?;
        repo::received(&mut conn, user, order).await?
    };
    let (item, product, title) = lines
        .into_iter()
        .find(|l| l.0 == item)
        .ok_or(AppError::NotFound)?;
    let existing = crate::catalog::own_review(db, user, item).await?;
    Ok(ReviewForm {
        order,
        number: order_number(order),
        line: ToReview {
            item,
            product,
            title,
            reviewed: existing.is_some(),
        },
        existing,
    })
}

/// What the shopper sent, as the form sent it.
pub struct ReviewRequest {
    pub order: i64,
    pub item: i64,
    pub rating: String,
    pub text: String,
    pub photos: Vec<Vec<u8>>,
}

/// `user` reviews a line they received: the product's id and whether the review
/// is published (a text with contact details or a link waits for an agent).
/// Everything is checked before anything is written; a second review of the line
/// is refused.
pub async fn create(deps: &Deps<'_>, user: i64, r: ReviewRequest) -> AppResult<(i64, bool)> {
    let rating = parse_rating(&r.rating)?;
    let text = parse_review_text(&r.text)?;
    let photos = photo::clean_all(r.photos, REVIEW_PHOTOS).await?;
    let author = crate::account::public_name(deps.db, user).await?;
    let mut tx = deps.db.begin_write().await?;
    let (item, product, _) = repo::received(&mut tx, user, r.order)
        .await?
        .into_iter()
        .find(|l| l.0 == r.item)
        .ok_or(AppError::NotFound)?;
    let w = crate::catalog::NewReview {
        product,
        user,
        order: r.order,
        item,
        rating,
        body: &text,
        author: &author,
        photos: &photos,
    };
    let (_, status) = crate::catalog::add_review_in(&mut tx, deps.now, &w).await?;
    tx.commit().await?;
    Ok((product, status == crate::catalog::ReviewStatus::Published))
}
