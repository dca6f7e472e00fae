//! A seller's products, their stock and prices: what the seller's page lists and sets.

use crate::platform::db::Db;

/// Seller `seller`'s products as (id, title, price, stock), those in stock first,
/// at most `limit`.
pub async fn seller_products(
    db: &Db,
    seller: i64,
    limit: i64,
) -> Result<Vec<(i64, String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, title, price, stock FROM products WHERE seller_id = $1 \
         ORDER BY stock > 0 DESC, id LIMIT $2",
    )
    .bind(seller)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// Sets product `id`'s stock to `stock` if seller `seller` sells it: its title and
/// the stock it had, or `None` (no such product of that seller).
pub async fn set_stock(
    ex: &mut sqlx::AnyConnection,
    seller: i64,
    id: i64,
    stock: i64,
) -> Result<Option<(String, i64)>, sqlx::Error> {
    set_own(ex, seller, id, Column::Stock, stock).await
}

/// Sets product `id`'s price to `price` kopecks if seller `seller` sells it: its
/// title and the price it had, or `None` (no such product of that seller).
pub async fn set_price(
    ex: &mut sqlx::AnyConnection,
    seller: i64,
    id: i64,
    price: i64,
) -> Result<Option<(String, i64)>, sqlx::Error> {
    set_own(ex, seller, id, Column::Price, price).await
}

/// What a seller sets of its own products.
#[derive(Clone, Copy)]
enum Column {
    Stock,
    Price,
}

/// Sets `column` of product `id` to `value` if seller `seller` sells it: its title
/// and the value it had.
async fn set_own(
    ex: &mut sqlx::AnyConnection,
    seller: i64,
    id: i64,
    column: Column,
    value: i64,
) -> Result<Option<(String, i64)>, sqlx::Error> {
    let column = match column {
        Column::Stock => "stock",
        Column::Price => "price",
    };
    let Some((title, old)): Option<(String, i64)> = sqlx::query_as(&format!(
        "SELECT title, {column} FROM products WHERE id = $1 AND seller_id = $2"
    ))
    .bind(id)
    .bind(seller)
    .fetch_optional(&mut *ex)
    .await?
    else {
        return Ok(None);
    };
    sqlx::query(&format!("UPDATE products SET {column} = $1 WHERE id = $2"))
        .bind(value)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(Some((title, old)))
}
