//! Cart SQL. Each use case is one transaction.

use crate::cart::model::{CartLine, CartView, Quantity, Totals};
use crate::catalog::repo::card_from_row;
use crate::platform::db::{Db, Tx};
use crate::shared::error::{AppError, AppResult};
use sqlx::Row;

/// The cart of `owner_key` (a guest token's hash or "user:<id>"), if any.
pub async fn find_cart(db: &Db, owner_key: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query("SELECT id FROM carts WHERE owner_key = $1")
        .bind(owner_key)
        .fetch_optional(&db.pool)
        .await?
        .map(|r| r.try_get("id"))
        .transpose()
}

/// The cart key of an account.
pub fn user_key(user_id: i64) -> String {
    format!("user:{user_id}")
}

/// Moves a guest's cart into an account's at sign-in: quantities of the same
/// product add up (within stock and the per-line maximum); the guest cart goes.
#[tracing::instrument(skip(tx, guest_key))]
pub async fn merge(
    tx: &mut Tx,
    guest_key: &str,
    user_key: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let Some(guest) = sqlx::query("SELECT id FROM carts WHERE owner_key = $1")
        .bind(guest_key.to_string())
        .fetch_optional(&mut **tx)
        .await?
    else {
        return Ok(());
    };
    let guest_id: i64 = guest.try_get("id")?;
    let items = sqlx::query(
        "SELECT ci.product_id, ci.quantity, ci.selected, ci.added_at, p.stock FROM cart_items ci \
         JOIN products p ON p.id = ci.product_id WHERE ci.cart_id = $1",
    )
    .bind(guest_id)
    .fetch_all(&mut **tx)
    .await?;
    if !items.is_empty() {
        let user_cart = find_or_create_cart(tx, user_key, now).await?;
        for item in &items {
            let product_id: i64 = item.try_get("product_id")?;
            let qty: i64 = item.try_get("quantity")?;
            let stock: i64 = item.try_get("stock")?;
            let current = quantity_in_cart(tx, user_cart, product_id).await?;
            let merged = (current.unwrap_or(0) + qty)
                .min(stock.max(1))
                .min(crate::cart::model::MAX_QUANTITY);
            if current.is_some() {
                sqlx::query(
                    "UPDATE cart_items SET quantity = $1 WHERE cart_id = $2 AND product_id = $3",
                )
                .bind(merged)
                .bind(user_cart)
                .bind(product_id)
                .execute(&mut **tx)
                .await?;
            } else {
                sqlx::query("INSERT INTO cart_items (cart_id, product_id, quantity, selected, added_at) VALUES ($1, $2, $3, $4, $5)")
                    .bind(user_cart)
                    .bind(product_id)
                    .bind(merged)
                    .bind(item.try_get::<i64, _>("selected")?)
                    .bind(item.try_get::<i64, _>("added_at")?)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        touch(tx, user_cart, now).await?;
    }
    sqlx::query("DELETE FROM carts WHERE id = $1")
        .bind(guest_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn find_or_create_cart(tx: &mut Tx, owner_key: &str, now: i64) -> Result<i64, sqlx::Error> {
    if let Some(r) = sqlx::query("SELECT id FROM carts WHERE owner_key = $1")
        .bind(owner_key)
        .fetch_optional(&mut **tx)
        .await?
    {
        return r.try_get("id");
    }
    sqlx::query(
        "INSERT INTO carts (owner_key, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id",
    )
    .bind(owner_key)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")
}

async fn stock_of(tx: &mut Tx, product_id: i64) -> AppResult<i64> {
    let row = sqlx::query("SELECT stock FROM products WHERE id = $1")
        .bind(product_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.ok_or(AppError::NotFound)?.try_get("stock")?)
}

async fn quantity_in_cart(
    tx: &mut Tx,
    cart_id: i64,
    product_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query("SELECT quantity FROM cart_items WHERE cart_id = $1 AND product_id = $2")
        .bind(cart_id)
        .bind(product_id)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.try_get("quantity"))
        .transpose()
}

/// Adds `qty` units to the cart (creating it if needed); the sum must stay within stock.
#[tracing::instrument(skip(db, owner_key))]
pub async fn add(
    db: &Db,
    owner_key: &str,
    product_id: i64,
    qty: Quantity,
    now: i64,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let stock = stock_of(&mut tx, product_id).await?;
    let cart_id = find_or_create_cart(&mut tx, owner_key, now).await?;
    let current = quantity_in_cart(&mut tx, cart_id, product_id)
        .await?
        .unwrap_or(0);
    let wanted = Quantity::parse(&(current + qty.get()).to_string()).map_err(|_| {
        AppError::InsufficientStock {
            available: stock.min(crate::cart::model::MAX_QUANTITY),
        }
    })?;
    wanted.within_stock(stock)?;
    if current == 0 {
        sqlx::query("INSERT INTO cart_items (cart_id, product_id, quantity, selected, added_at) VALUES ($1, $2, $3, 1, $4)")
            .bind(cart_id)
            .bind(product_id)
            .bind(wanted.get())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        touch(&mut tx, cart_id, now).await?;
    } else {
        update_quantity(&mut tx, cart_id, product_id, wanted, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Writes a line's new quantity and marks the cart as changed.
async fn update_quantity(
    tx: &mut Tx,
    cart_id: i64,
    product_id: i64,
    qty: Quantity,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cart_items SET quantity = $1 WHERE cart_id = $2 AND product_id = $3")
        .bind(qty.get())
        .bind(cart_id)
        .bind(product_id)
        .execute(&mut **tx)
        .await?;
    touch(tx, cart_id, now).await
}

async fn touch(tx: &mut Tx, cart_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE carts SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(cart_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Sets the quantity of a product already in the cart.
#[tracing::instrument(skip(db))]
pub async fn set_quantity(
    db: &Db,
    cart_id: i64,
    product_id: i64,
    qty: Quantity,
    now: i64,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let stock = stock_of(&mut tx, product_id).await?;
    quantity_in_cart(&mut tx, cart_id, product_id)
        .await?
        .ok_or(AppError::NotFound)?;
    qty.within_stock(stock)?;
    update_quantity(&mut tx, cart_id, product_id, qty, now).await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(skip(db))]
pub async fn remove(db: &Db, cart_id: i64, product_id: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM cart_items WHERE cart_id = $1 AND product_id = $2")
        .bind(cart_id)
        .bind(product_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

#[tracing::instrument(skip(db))]
pub async fn set_selected(db: &Db, cart_id: i64, product_id: i64, selected: bool) -> AppResult<()> {
    let done =
        sqlx::query("UPDATE cart_items SET selected = $1 WHERE cart_id = $2 AND product_id = $3")
            .bind(selected as i64)
            .bind(cart_id)
            .bind(product_id)
            .execute(&db.pool)
            .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

#[tracing::instrument(skip(db))]
pub async fn view(db: &Db, cart_id: Option<i64>) -> AppResult<CartView> {
    let Some(cart_id) = cart_id else {
        return Ok(CartView::default());
    };
    let rows = sqlx::query(
        "SELECT p.id, p.title, b.name AS brand, p.price, p.old_price, p.rating, p.rating_count, p.stock, \
         ci.quantity, ci.selected FROM cart_items ci JOIN products p ON p.id = ci.product_id \
         JOIN brands b ON b.id = p.brand_id WHERE ci.cart_id = $1 ORDER BY ci.added_at DESC, p.id",
    )
    .bind(cart_id)
    .fetch_all(&db.pool)
    .await?;
    let mut lines = Vec::with_capacity(rows.len());
    for r in &rows {
        lines.push(CartLine {
            product: card_from_row(r)?,
            quantity: r.try_get("quantity")?,
            selected: r.try_get::<i64, _>("selected")? != 0,
        });
    }
    let units = lines.iter().map(|l| l.quantity).sum();
    Ok(CartView {
        totals: Totals::of(&lines),
        lines,
        units,
    })
}
