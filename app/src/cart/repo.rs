//! Cart SQL, nothing else: carts keyed by owner (a guest token's hash or an
//! account), their lines, and the stock they are checked against.

use crate::platform::db::{Db, Tx};
use sqlx::Row;

/// A line of a cart as moving it to another cart needs it.
#[derive(Debug, sqlx::FromRow)]
pub struct ItemRow {
    pub product_id: i64,
    pub quantity: i64,
    pub selected: i64,
    pub added_at: i64,
    pub stock: i64,
    pub seen_price: Option<i64>,
}

/// The cart of `owner_key`, if any (on the pool, or inside a transaction).
pub async fn find_cart<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    owner_key: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM carts WHERE owner_key = $1")
        .bind(owner_key.to_string())
        .fetch_optional(db)
        .await
}

pub async fn create_cart(tx: &mut Tx, owner_key: &str, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO carts (owner_key, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id",
    )
    .bind(owner_key.to_string())
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

pub async fn items(tx: &mut Tx, cart_id: i64) -> Result<Vec<ItemRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT ci.product_id, ci.quantity, ci.selected, ci.added_at, p.stock, ci.seen_price \
         FROM cart_items ci \
         JOIN products p ON p.id = ci.product_id WHERE ci.cart_id = $1",
    )
    .bind(cart_id)
    .fetch_all(&mut **tx)
    .await
}

pub async fn delete_cart(tx: &mut Tx, cart_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM carts WHERE id = $1")
        .bind(cart_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Deletes the cart of `owner_key` with its lines.
pub async fn delete_owner_cart(tx: &mut Tx, owner_key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM carts WHERE owner_key = $1")
        .bind(owner_key.to_string())
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Removes a product from the cart of `owner_key`, if it is there.
pub async fn delete_owner_item(
    tx: &mut Tx,
    owner_key: &str,
    product_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM cart_items WHERE product_id = $1 \
         AND cart_id = (SELECT id FROM carts WHERE owner_key = $2)",
    )
    .bind(product_id)
    .bind(owner_key.to_string())
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// The stock of a product, none if there is no such product.
pub async fn stock_of(tx: &mut Tx, product_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT stock FROM products WHERE id = $1")
        .bind(product_id)
        .fetch_optional(&mut **tx)
        .await
}

pub async fn quantity_in_cart(
    tx: &mut Tx,
    cart_id: i64,
    product_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT quantity FROM cart_items WHERE cart_id = $1 AND product_id = $2")
        .bind(cart_id)
        .bind(product_id)
        .fetch_optional(&mut **tx)
        .await
}

pub struct NewItem {
    pub cart_id: i64,
    pub product_id: i64,
    pub quantity: i64,
    pub selected: bool,
    pub added_at: i64,
    /// The price the shopper saw when putting it in; `None`: the price it has now.
    pub seen_price: Option<i64>,
}

pub async fn insert_item(tx: &mut Tx, i: NewItem) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO cart_items (cart_id, product_id, quantity, selected, added_at, seen_price) \
         VALUES ($1, $2, $3, $4, $5, \
         COALESCE($6, (SELECT price FROM products WHERE id = $2)))",
    )
    .bind(i.cart_id)
    .bind(i.product_id)
    .bind(i.quantity)
    .bind(i.selected as i64)
    .bind(i.added_at)
    .bind(i.seen_price)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

pub async fn update_quantity(
    tx: &mut Tx,
    cart_id: i64,
    product_id: i64,
    quantity: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cart_items SET quantity = $1 WHERE cart_id = $2 AND product_id = $3")
        .bind(quantity)
        .bind(cart_id)
        .bind(product_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Marks the cart as changed.
pub async fn touch(tx: &mut Tx, cart_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE carts SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(cart_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

pub async fn delete_item(db: &Db, cart_id: i64, product_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM cart_items WHERE cart_id = $1 AND product_id = $2")
        .bind(cart_id)
        .bind(product_id)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

/// Ticks or unticks a line; false if the cart has no such line.
pub async fn set_selected(
    db: &Db,
    cart_id: i64,
    product_id: i64,
    selected: bool,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE cart_items SET selected = $1 WHERE cart_id = $2 AND product_id = $3")
            .bind(selected as i64)
            .bind(cart_id)
            .bind(product_id)
            .execute(&db.pool)
            .await?;
    Ok(done.rows_affected() > 0)
}

/// The lines of a cart with their products, newest first.
pub async fn lines(
    db: &Db,
    cart_id: i64,
) -> Result<Vec<crate::cart::model::CartLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT p.id, p.title, b.name AS brand, p.price, p.old_price, p.rating, p.rating_count, p.stock, \
         ci.quantity, ci.selected, ci.seen_price FROM cart_items ci JOIN products p ON p.id = ci.product_id \
         JOIN brands b ON b.id = p.brand_id WHERE ci.cart_id = $1 ORDER BY ci.added_at DESC, p.id",
    )
    .bind(cart_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(crate::cart::model::CartLine {
                product: crate::catalog::card_from_row(r)?,
                quantity: r.try_get("quantity")?,
                selected: r.try_get::<i64, _>("selected")? != 0,
                seen_price: r
                    .try_get::<Option<i64>, _>("seen_price")?
                    .map(crate::shared::money::Money::from_kopecks),
            })
        })
        .collect()
}

/// The shopper accepted the prices checkout showed: the selected lines of the cart
/// are now seen at the prices they have.
pub async fn accept_prices(db: &Db, cart_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE cart_items SET seen_price = \
         (SELECT p.price FROM products p WHERE p.id = cart_items.product_id) \
         WHERE cart_id = $1 AND selected = 1",
    )
    .bind(cart_id)
    .execute(&db.pool)
    .await
    .map(|_| ())
}
