//! The cart's rules: quantities within stock and the per-line maximum, one
//! transaction per change, a guest's cart joining the account's at sign-in.

use crate::cart::model::{CartView, MAX_QUANTITY, Quantity, Totals};
use crate::cart::repo::{self, NewItem};
use crate::platform::db::{Db, Tx};
use crate::platform::request::Requester;
use crate::platform::security::{hash_token, is_token};
use crate::shared::error::{AppError, AppResult};

/// The cookie under which a guest's cart token lives.
pub const GUEST_COOKIE: &str = "rynok_cart";

/// The cart key of an account.
pub fn user_key(user_id: i64) -> String {
    format!("user:{user_id}")
}

/// The cart key of a guest's cart token.
pub fn guest_key(token: &str) -> Option<String> {
    is_token(token).then(|| hash_token(token))
}

/// At sign-in: the guest cart of this browser, if any, joins the account's.
pub async fn on_sign_in(tx: &mut Tx, req: &Requester, user_id: i64, now: i64) -> AppResult<()> {
    if let Some(guest) = req.cookie(GUEST_COOKIE).and_then(|t| guest_key(&t)) {
        merge(tx, &guest, &user_key(user_id), now).await?;
    }
    Ok(())
}

/// When an account is erased: its cart goes.
/// An order was placed (inside its transaction): what it bought leaves the cart.
pub async fn on_ordered(tx: &mut Tx, user_id: i64, products: &[i64]) -> AppResult<()> {
    for p in products {
        repo::delete_owner_item(tx, &user_key(user_id), *p).await?;
    }
    Ok(())
}

pub async fn on_account_erased(tx: &mut Tx, user_id: i64) -> AppResult<()> {
    Ok(repo::delete_owner_cart(tx, &user_key(user_id)).await?)
}

/// Moves a guest's cart into an account's at sign-in: quantities of the same
/// product add up (within stock and the per-line maximum); the guest cart goes.
#[tracing::instrument(skip(tx, guest_key))]
pub async fn merge(tx: &mut Tx, guest_key: &str, user_key: &str, now: i64) -> AppResult<()> {
    let Some(guest_id) = repo::find_cart(&mut **tx, guest_key).await? else {
        return Ok(());
    };
    let items = repo::items(tx, guest_id).await?;
    if !items.is_empty() {
        let user_cart = find_or_create(tx, user_key, now).await?;
        for item in &items {
            let current = repo::quantity_in_cart(tx, user_cart, item.product_id).await?;
            let merged = (current.unwrap_or(0) + item.quantity)
                .min(item.stock.max(1))
                .min(MAX_QUANTITY);
            if current.is_some() {
                repo::update_quantity(tx, user_cart, item.product_id, merged).await?;
            } else {
                let line = NewItem {
                    cart_id: user_cart,
                    product_id: item.product_id,
                    quantity: merged,
                    selected: item.selected != 0,
                    added_at: item.added_at,
                    seen_price: item.seen_price,
                };
                repo::insert_item(tx, line).await?;
            }
        }
        repo::touch(tx, user_cart, now).await?;
    }
    repo::delete_cart(tx, guest_id).await?;
    Ok(())
}

async fn find_or_create(tx: &mut Tx, owner_key: &str, now: i64) -> AppResult<i64> {
    match repo::find_cart(&mut **tx, owner_key).await? {
        Some(id) => Ok(id),
        None => Ok(repo::create_cart(tx, owner_key, now).await?),
    }
}

async fn stock_of(tx: &mut Tx, product_id: i64) -> AppResult<i64> {
    repo::stock_of(tx, product_id)
        .await?
        .ok_or(AppError::NotFound)
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
    let cart_id = find_or_create(&mut tx, owner_key, now).await?;
    let current = repo::quantity_in_cart(&mut tx, cart_id, product_id)
        .await?
        .unwrap_or(0);
    let wanted = Quantity::parse(&(current + qty.get()).to_string()).map_err(|_| {
        AppError::InsufficientStock {
            available: stock.min(MAX_QUANTITY),
        }
    })?;
    wanted.within_stock(stock)?;
    if current == 0 {
        let line = NewItem {
            cart_id,
            product_id,
            quantity: wanted.get(),
            selected: true,
            added_at: now,
            seen_price: None,
        };
        repo::insert_item(&mut tx, line).await?;
    } else {
        repo::update_quantity(&mut tx, cart_id, product_id, wanted.get()).await?;
    }
    repo::touch(&mut tx, cart_id, now).await?;
    tx.commit().await?;
    Ok(())
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
    repo::quantity_in_cart(&mut tx, cart_id, product_id)
        .await?
        .ok_or(AppError::NotFound)?;
    qty.within_stock(stock)?;
    repo::update_quantity(&mut tx, cart_id, product_id, qty.get()).await?;
    repo::touch(&mut tx, cart_id, now).await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(skip(db))]
pub async fn remove(db: &Db, cart_id: i64, product_id: i64) -> AppResult<()> {
    Ok(repo::delete_item(db, cart_id, product_id).await?)
}

#[tracing::instrument(skip(db))]
pub async fn set_selected(db: &Db, cart_id: i64, product_id: i64, selected: bool) -> AppResult<()> {
    if !repo::set_selected(db, cart_id, product_id, selected).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

#[tracing::instrument(skip(db))]
pub async fn view(db: &Db, cart_id: Option<i64>) -> AppResult<CartView> {
    let Some(cart_id) = cart_id else {
        return Ok(CartView::default());
    };
    let lines = repo::lines(db, cart_id).await?;
    let units = lines.iter().map(|l| l.quantity).sum();
    Ok(CartView {
        totals: Totals::of(&lines),
        lines,
        units,
    })
}

/// The shopper accepted the prices checkout showed for the selected lines.
#[tracing::instrument(skip(db))]
pub async fn accept_prices(db: &Db, user_id: i64) -> AppResult<()> {
    if let Some(cart) = repo::find_cart(&db.pool, &user_key(user_id)).await? {
        repo::accept_prices(db, cart).await?;
    }
    Ok(())
}

/// The lines of `user_id`'s cart, newest first (checkout takes the selected ones).
pub async fn lines_of(db: &Db, user_id: i64) -> AppResult<Vec<crate::cart::model::CartLine>> {
    match repo::find_cart(&db.pool, &user_key(user_id)).await? {
        Some(cart) => Ok(repo::lines(db, cart).await?),
        None => Ok(Vec::new()),
    }
}
