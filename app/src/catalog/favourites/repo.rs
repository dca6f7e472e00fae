//! Favourites' SQL, nothing else.

type Ex<'e> = &'e mut sqlx::AnyConnection;

/// Keeps `product` among `user`'s favourites (again keeps nothing more).
pub async fn add(ex: Ex<'_>, user: i64, product: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO favourites (user_id, product_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, product_id) DO NOTHING",
    )
    .bind(user)
    .bind(product)
    .bind(now)
    .execute(ex)
    .await
    .map(|_| ())
}

pub async fn remove(ex: Ex<'_>, user: i64, product: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM favourites WHERE user_id = $1 AND product_id = $2")
        .bind(user)
        .bind(product)
        .execute(ex)
        .await
        .map(|_| ())
}

pub async fn has(ex: Ex<'_>, user: i64, product: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM favourites WHERE user_id = $1 AND product_id = $2",
    )
    .bind(user)
    .bind(product)
    .fetch_one(ex)
    .await?;
    Ok(n > 0)
}

pub async fn count_of(ex: Ex<'_>, user: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM favourites WHERE user_id = $1")
        .bind(user)
        .fetch_one(ex)
        .await
}

/// `user`'s favourite products, newest first, at most `limit`.
pub async fn ids_of(ex: Ex<'_>, user: i64, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT product_id FROM favourites WHERE user_id = $1 \
         ORDER BY created_at DESC, product_id DESC LIMIT $2",
    )
    .bind(user)
    .bind(limit)
    .fetch_all(ex)
    .await
}

pub async fn erase(ex: Ex<'_>, user: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM favourites WHERE user_id = $1")
        .bind(user)
        .execute(ex)
        .await
        .map(|_| ())
}
