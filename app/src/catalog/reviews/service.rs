//! Reviews' use cases: writing one inside the caller's transaction (orders checks
//! that the shopper received the line) with the product's rating recomputed in
//! it, a product's reviews in the order asked, their photos, and an erased
//! account's reviews left unsigned. Moderation (`moderation`): the author's
//! changes and deletion, and the agents' queue of held reviews.

use crate::catalog::reviews::model::{PAGE, Review, ReviewPage, ReviewSort, ReviewStatus};
use crate::catalog::reviews::repo::{self, NewReview};
use crate::platform::db::{Db, Tx};
use crate::platform::photo::Photo;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use rating::rate;

mod moderation;
mod rating;
pub use moderation::{decide, delete_own, edit_own, held, own};

/// A review to write: the line it is of, the stars, the text already checked,
/// how the author signs, the photos already re-encoded.
pub struct Written<'a> {
    pub product: i64,
    pub user: i64,
    pub order: i64,
    pub item: i64,
    pub rating: i64,
    pub body: &'a str,
    pub author: &'a str,
    pub photos: &'a [Photo],
}

/// Writes review `w` in the caller's transaction and, when it is published at
/// once, the product's new rating: its id and status (a text with contact details
/// or a link is held for an agent). A line reviewed already is refused
/// (`AlreadyUsed`).
pub async fn add_in(tx: &mut Tx, now: i64, w: &Written<'_>) -> AppResult<(i64, ReviewStatus)> {
    let status = ReviewStatus::of_text(w.body);
    let new = NewReview {
        product: w.product,
        user: w.user,
        order: w.order,
        item: w.item,
        rating: w.rating,
        body: w.body,
        author: w.author,
        status: status.as_str(),
        now,
    };
    let id = repo::insert(tx, &new)
        .await?
        .ok_or(AppError::invalid(Field::Selected, Problem::AlreadyUsed))?;
    if status == ReviewStatus::Published {
        rate(tx, w.product, Some(w.rating), None).await?;
    }
    for p in w.photos {
        repo::insert_photo(tx, id, &p.image, &p.thumb, now).await?;
    }
    Ok((id, status))
}

/// A page of product `product`'s reviews in `sort` order, with how many give each
/// rating.
pub async fn page(db: &Db, product: i64, sort: ReviewSort) -> AppResult<ReviewPage> {
    let rows = repo::page(db, product, sort, PAGE).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let photos = repo::photos_of(db, &ids).await?;
    let mut by_stars = [0i64; 5];
    for (stars, n) in repo::by_stars(db, product).await? {
        if let Some(slot) = usize::try_from(stars - 1)
            .ok()
            .and_then(|i| by_stars.get_mut(i))
        {
            *slot = n;
        }
    }
    Ok(ReviewPage {
        total: by_stars.iter().sum(),
        by_stars,
        sort,
        reviews: rows
            .into_iter()
            .map(|(id, rating, body, author, created_at)| Review {
                id,
                rating,
                body,
                author,
                created_at,
                photos: photos.iter().filter(|p| p.0 == id).map(|p| p.1).collect(),
            })
            .collect(),
    })
}

/// Review photo `id`, or its thumbnail (reviews are public).
pub async fn photo(db: &Db, id: i64, thumb: bool) -> AppResult<Vec<u8>> {
    repo::photo(db, id, thumb).await?.ok_or(AppError::NotFound)
}

/// The lines among `items` that have a review.
pub async fn reviewed(db: &Db, items: &[i64]) -> AppResult<Vec<i64>> {
    Ok(repo::reviewed(db, items).await?)
}

/// The account is being erased: its reviews stay, no longer signed.
pub async fn on_account_erased(tx: &mut Tx, user: i64) -> AppResult<()> {
    repo::unsign(tx, user).await?;
    Ok(())
}
