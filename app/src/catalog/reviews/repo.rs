//! Reviews' SQL, nothing else: writing one with the product's rating in the same
//! transaction, changing, deleting and moderating one, a product's page of the
//! published ones, their photos.

use crate::catalog::reviews::model::ReviewSort;
use crate::platform::db::{Arg, Db, SqlBuf};

type Ex<'e> = &'e mut sqlx::AnyConnection;

pub struct NewReview<'a> {
    pub product: i64,
    pub user: i64,
    pub order: i64,
    pub item: i64,
    pub rating: i64,
    pub body: &'a str,
    pub author: &'a str,
    pub status: &'a str,
    pub now: i64,
}

/// Writes the review unless its line has one: its id, or `None`.
pub async fn insert(ex: Ex<'_>, r: &NewReview<'_>) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO reviews (product_id, user_id, order_id, item_id, rating, body, author, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (item_id) DO NOTHING RETURNING id",
    )
    .bind(r.product)
    .bind(r.user)
    .bind(r.order)
    .bind(r.item)
    .bind(r.rating)
    .bind(r.body.to_string())
    .bind(r.author.to_string())
    .bind(r.status)
    .bind(r.now)
    .fetch_optional(ex)
    .await
}

/// Product `id`'s rating: (total in hundredths, count), read for update.
pub async fn rating(ex: Ex<'_>, id: i64) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT rating_total, rating_count FROM products WHERE id = $1")
        .bind(id)
        .fetch_optional(ex)
        .await
}

pub async fn set_rating(
    ex: Ex<'_>,
    id: i64,
    (total, count, average): (i64, i64, i64),
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE products SET rating_total = $1, rating_count = $2, rating = $3 WHERE id = $4",
    )
    .bind(total)
    .bind(count)
    .bind(average)
    .bind(id)
    .execute(ex)
    .await
    .map(|_| ())
}

pub async fn insert_photo(
    ex: Ex<'_>,
    review: i64,
    image: &[u8],
    thumb: &[u8],
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO review_photos (review_id, image, thumb, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(review)
    .bind(image.to_vec())
    .bind(thumb.to_vec())
    .bind(now)
    .execute(ex)
    .await
    .map(|_| ())
}

/// A review's row: (id, rating, body, author, created_at).
pub type ReviewRow = (i64, i64, String, String, i64);

/// Product `product`'s reviews in `sort` order, at most `limit`.
pub async fn page(
    db: &Db,
    product: i64,
    sort: ReviewSort,
    limit: i64,
) -> Result<Vec<ReviewRow>, sqlx::Error> {
    let order = match sort {
        ReviewSort::New => "id DESC",
        ReviewSort::Best => "rating DESC, id DESC",
        ReviewSort::Worst => "rating ASC, id DESC",
    };
    let mut q =
        SqlBuf::new("SELECT id, rating, body, author, created_at FROM reviews WHERE product_id = ");
    q.bind(Arg::I64(product))
        .push(" AND status = 'published'")
        .push(&format!(" ORDER BY {order} LIMIT "))
        .bind(Arg::I64(limit));
    q.query_as().fetch_all(&db.pool).await
}

/// How many of product `product`'s reviews give each rating: (rating, count).
pub async fn by_stars(db: &Db, product: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT rating, COUNT(*) FROM reviews WHERE product_id = $1 AND status = 'published' \
         GROUP BY rating",
    )
    .bind(product)
    .fetch_all(&db.pool)
    .await
}

/// The photos' (review, id) of these reviews.
pub async fn photos_of(db: &Db, reviews: &[i64]) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    if reviews.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = SqlBuf::new("SELECT review_id, id FROM review_photos WHERE review_id IN ");
    q.bind_list(reviews).push(" ORDER BY id");
    q.query_as().fetch_all(&db.pool).await
}

/// Photo `id`, or its thumbnail.
pub async fn photo(db: &Db, id: i64, thumb: bool) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let column = if thumb { "thumb" } else { "image" };
    sqlx::query_scalar(&format!("SELECT {column} FROM review_photos WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// The lines of these that have a review.
pub async fn reviewed(db: &Db, items: &[i64]) -> Result<Vec<i64>, sqlx::Error> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = SqlBuf::new("SELECT item_id FROM reviews WHERE item_id IN ");
    q.bind_list(items);
    let rows: Vec<(i64,)> = q.query_as().fetch_all(&db.pool).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The account is erased: its reviews stay, unsigned.
pub async fn unsign(ex: Ex<'_>, user: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE reviews SET author = '' WHERE user_id = $1")
        .bind(user)
        .execute(ex)
        .await
        .map(|_| ())
}

/// A review as its author or an agent works on it.
#[derive(sqlx::FromRow)]
pub struct ReviewState {
    pub id: i64,
    pub product_id: i64,
    pub user_id: i64,
    pub rating: i64,
    pub body: String,
    pub status: String,
    pub reason: String,
    pub edited_at: Option<i64>,
}

const STATE: &str =
    "SELECT id, product_id, user_id, rating, body, status, reason, edited_at FROM reviews";

/// `user`'s review of line `item`, if they wrote one.
pub async fn own(ex: Ex<'_>, user: i64, item: i64) -> Result<Option<ReviewState>, sqlx::Error> {
    sqlx::query_as(&format!("{STATE} WHERE item_id = $1 AND user_id = $2"))
        .bind(item)
        .bind(user)
        .fetch_optional(ex)
        .await
}

/// Review `id`.
pub async fn by_id(ex: Ex<'_>, id: i64) -> Result<Option<ReviewState>, sqlx::Error> {
    sqlx::query_as(&format!("{STATE} WHERE id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await
}

/// Changes review `id` as its author asked, if it is still as read (`was`: its
/// status then): whether it changed.
pub async fn update(
    ex: Ex<'_>,
    id: i64,
    was: &str,
    (rating, body, status): (i64, &str, &str),
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE reviews SET rating = $1, body = $2, status = $3, reason = '', edited_at = $4 \
         WHERE id = $5 AND status = $6",
    )
    .bind(rating)
    .bind(body.to_string())
    .bind(status)
    .bind(now)
    .bind(id)
    .bind(was)
    .execute(ex)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves review `id` from status `from` to `to` with the agent's `reason`: whether it
/// was still `from`.
pub async fn set_status(
    ex: Ex<'_>,
    id: i64,
    from: &str,
    to: &str,
    reason: &str,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE reviews SET status = $1, reason = $2 WHERE id = $3 AND status = $4")
            .bind(to)
            .bind(reason.to_string())
            .bind(id)
            .bind(from)
            .execute(ex)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes review `id` and its photos, if it is still `was`: whether it did. The
/// caller's transaction rolls back on `false` (the photos go first: they refer to it).
pub async fn delete(ex: Ex<'_>, id: i64, was: &str) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "DELETE FROM review_photos WHERE review_id = $1 \
         AND EXISTS (SELECT 1 FROM reviews WHERE id = $1 AND status = $2)",
    )
    .bind(id)
    .bind(was)
    .execute(&mut *ex)
    .await?;
    let done = sqlx::query("DELETE FROM reviews WHERE id = $1 AND status = $2")
        .bind(id)
        .bind(was)
        .execute(ex)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A held review with its product's title: (id, product, title, rating, body, created_at).
pub type HeldRow = (i64, i64, String, i64, String, i64);

/// The reviews waiting for an agent, oldest first, at most `limit`.
pub async fn held(ex: Ex<'_>, limit: i64) -> Result<Vec<HeldRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.id, r.product_id, p.title, r.rating, r.body, r.created_at \
         FROM reviews r JOIN products p ON p.id = r.product_id \
         WHERE r.status = 'held' ORDER BY r.id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(ex)
    .await
}
