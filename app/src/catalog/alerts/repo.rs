//! Back-in-stock alerts' SQL, nothing else.

type Ex<'e> = &'e mut sqlx::AnyConnection;

/// Keeps `user`'s alert for `product` (a repeat keeps nothing): whether it kept one.
pub async fn insert(ex: Ex<'_>, user: i64, product: i64, now: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO stock_alerts (user_id, product_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, product_id) DO NOTHING",
    )
    .bind(user)
    .bind(product)
    .bind(now)
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}

/// How many alerts `user` holds.
pub async fn count_of(ex: Ex<'_>, user: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM stock_alerts WHERE user_id = $1")
        .bind(user)
        .fetch_one(ex)
        .await
}

/// Takes every alert for `product`: (alert, user) rows, the alerts gone.
pub async fn take_for(ex: Ex<'_>, product: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, user_id FROM stock_alerts WHERE product_id = $1 ORDER BY id")
            .bind(product)
            .fetch_all(&mut *ex)
            .await?;
    sqlx::query("DELETE FROM stock_alerts WHERE product_id = $1")
        .bind(product)
        .execute(ex)
        .await?;
    Ok(rows)
}

/// Erases `user`'s alerts (the account is being deleted).
pub async fn erase(ex: Ex<'_>, user: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM stock_alerts WHERE user_id = $1")
        .bind(user)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Keeps `user`'s price alert for `product`, at `price` (asking again sets the
/// price they know to today's).
pub async fn follow_price(
    ex: Ex<'_>,
    user: i64,
    product: i64,
    price: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO price_alerts (user_id, product_id, price_seen, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, product_id) DO UPDATE SET price_seen = excluded.price_seen",
    )
    .bind(user)
    .bind(product)
    .bind(price)
    .bind(now)
    .execute(ex)
    .await
    .map(|_| ())
}

/// `user` stops following `product`'s price.
pub async fn unfollow_price(ex: Ex<'_>, user: i64, product: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM price_alerts WHERE user_id = $1 AND product_id = $2")
        .bind(user)
        .bind(product)
        .execute(ex)
        .await
        .map(|_| ())
}

/// How many price alerts `user` holds.
pub async fn price_count_of(ex: Ex<'_>, user: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM price_alerts WHERE user_id = $1")
        .bind(user)
        .fetch_one(ex)
        .await
}

/// The alerts for `product` that knew a price above `price`: (alert, user, price
/// they knew) rows, each now knowing `price`.
pub async fn take_price_drops(
    ex: Ex<'_>,
    product: i64,
    price: i64,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, user_id, price_seen FROM price_alerts WHERE product_id = $1 AND price_seen > $2 \
         ORDER BY id",
    )
    .bind(product)
    .bind(price)
    .fetch_all(&mut *ex)
    .await?;
    sqlx::query(
        "UPDATE price_alerts SET price_seen = $1 WHERE product_id = $2 AND price_seen > $1",
    )
    .bind(price)
    .bind(product)
    .execute(ex)
    .await?;
    Ok(rows)
}

/// Erases `user`'s price alerts (the account is being deleted).
pub async fn erase_price(ex: Ex<'_>, user: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM price_alerts WHERE user_id = $1")
        .bind(user)
        .execute(ex)
        .await
        .map(|_| ())
}
