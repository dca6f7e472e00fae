//! A review after it is written: its author changes it (the text is checked again,
//! so a change can send it to an agent) or deletes it, and a support agent
//! publishes a held review or rejects it with a reason the author is told. The
//! product's rating follows in the same transaction: it counts published reviews
//! only.

use super::rating::rate;
use crate::catalog::reviews::model::{
    HeldReview, OwnReview, ReviewStatus, parse_rating, parse_text,
};
use crate::catalog::reviews::repo;
use crate::platform::db::Db;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::staff::Role;

/// The longest reason an agent gives for rejecting a review.
pub const MAX_REASON: usize = 500;

/// `user`'s own review of line `item`, as the form to change it shows it.
pub async fn own(db: &Db, user: i64, item: i64) -> AppResult<Option<OwnReview>> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::own(&mut conn, user, item).await?.map(|r| OwnReview {
        rating: r.rating,
        body: r.body,
        status: ReviewStatus::parse(&r.status),
        reason: r.reason,
        edited: r.edited_at.is_some(),
    }))
}

/// `user` changes their review of line `item`: the product and the review's new
/// status. The text is checked as a new one is: contact details or a link hold it
/// for an agent (a published review leaves the page until then); a rejected review
/// changed goes back to the rules.
pub async fn edit_own(
    deps: &Deps<'_>,
    user: i64,
    item: i64,
    rating: &str,
    text: &str,
) -> AppResult<(i64, ReviewStatus)> {
    let rating = parse_rating(rating)?;
    let text = parse_text(text)?;
    let status = ReviewStatus::of_text(&text);
    let mut tx = deps.db.begin_write().await?;
    let r = repo::own(&mut tx, user, item)
        .await?
        .ok_or(AppError::NotFound)?;
    let was = ReviewStatus::parse(&r.status);
    if !repo::update(
        &mut tx,
        r.id,
        &r.status,
        (rating, &text, status.as_str()),
        deps.now,
    )
    .await?
    {
        return Err(AppError::invalid(Field::Selected, Problem::Refused));
    }
    let remove = (was == ReviewStatus::Published).then_some(r.rating);
    let add = (status == ReviewStatus::Published).then_some(rating);
    rate(&mut tx, r.product_id, add, remove).await?;
    tx.commit().await?;
    Ok((r.product_id, status))
}

/// `user` deletes their review of line `item` and its photos: the product. The
/// line can be reviewed again.
pub async fn delete_own(deps: &Deps<'_>, user: i64, item: i64) -> AppResult<i64> {
    let mut tx = deps.db.begin_write().await?;
    let r = repo::own(&mut tx, user, item)
        .await?
        .ok_or(AppError::NotFound)?;
    if !repo::delete(&mut tx, r.id, &r.status).await? {
        return Err(AppError::invalid(Field::Selected, Problem::Refused));
    }
    if ReviewStatus::parse(&r.status) == ReviewStatus::Published {
        rate(&mut tx, r.product_id, None, Some(r.rating)).await?;
    }
    tx.commit().await?;
    Ok(r.product_id)
}

/// The reviews waiting for an agent (the support role), oldest first.
pub async fn held(db: &Db, agent: i64) -> AppResult<Vec<HeldReview>> {
    crate::staff::require(db, agent, Role::Support).await?;
    let mut conn = db.pool.acquire().await?;
    Ok(repo::held(&mut conn, 200)
        .await?
        .into_iter()
        .map(|(id, product, title, rating, body, at)| HeldReview {
            id,
            product,
            title,
            rating,
            body,
            at: crate::shared::time::local_datetime(at),
        })
        .collect())
}

/// An agent publishes held review `id` (its stars join the product's rating) or
/// rejects it with `reason` (required, at most 500 characters). Either way the
/// author is told in their notices. A review decided already, or changed since,
/// is refused (`AlreadyUsed`).
pub async fn decide(
    deps: &Deps<'_>,
    agent: i64,
    id: i64,
    publish: bool,
    reason: &str,
) -> AppResult<()> {
    crate::staff::require(deps.db, agent, Role::Support).await?;
    let reason = reason.trim();
    if !publish && reason.is_empty() {
        return Err(AppError::invalid(Field::Reason, Problem::Required));
    }
    if reason.chars().count() > MAX_REASON {
        return Err(AppError::invalid(Field::Reason, Problem::TooLong));
    }
    if reason.chars().any(|c| c.is_control()) {
        return Err(AppError::invalid(Field::Reason, Problem::BadCharacters));
    }
    let mut tx = deps.db.begin_write().await?;
    let r = repo::by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let (to, reason) = if publish {
        (ReviewStatus::Published, "")
    } else {
        (ReviewStatus::Rejected, reason)
    };
    if !repo::set_status(
        &mut tx,
        id,
        ReviewStatus::Held.as_str(),
        to.as_str(),
        reason,
    )
    .await?
    {
        return Err(AppError::invalid(Field::Selected, Problem::AlreadyUsed));
    }
    if publish {
        rate(&mut tx, r.product_id, Some(r.rating), None).await?;
    }
    let link = crate::catalog::product_path(r.product_id, "");
    let notice = if publish {
        crate::inbox::NewNotice {
            topic: "review",
            subject: id,
            status: "published",
            text_ru: "Ваш отзыв проверен и опубликован.".into(),
            text_en: "Your review has been checked and published.".into(),
            link,
        }
    } else {
        crate::inbox::NewNotice {
            topic: "review",
            subject: id,
            status: "rejected",
            text_ru: format!("Ваш отзыв не опубликован: {reason}. Его можно изменить в заказе."),
            text_en: format!(
                "Your review was not published: {reason}. You can change it from the order."
            ),
            link,
        }
    };
    crate::inbox::post(&mut tx, r.user_id, deps.now, &notice).await?;
    tx.commit().await?;
    Ok(())
}
