//! Favourites' use cases.

use super::{MAX_FAVOURITES, repo};
use crate::catalog::model::{ProductCard, product_path};
use crate::platform::db::Db;
use crate::shared::error::{AppError, AppResult, Field, Problem};

/// `user` keeps (`on`) or lets go of `product`: the product's page to go back to.
/// An account keeps at most `MAX_FAVOURITES`.
pub async fn set(db: &Db, now: i64, user: i64, product: i64, on: bool) -> AppResult<String> {
    let p = crate::catalog::repo::product(db, product)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await?;
    if on {
        if !repo::has(&mut tx, user, product).await?
            && repo::count_of(&mut tx, user).await? >= MAX_FAVOURITES
        {
            return Err(AppError::invalid(Field::Product, Problem::OutOfRange));
        }
        repo::add(&mut tx, user, product, now).await?;
    } else {
        repo::remove(&mut tx, user, product).await?;
    }
    tx.commit().await?;
    Ok(product_path(p.card.id, &p.card.title))
}

/// Whether `user` keeps `product`.
pub async fn has(db: &Db, user: i64, product: i64) -> AppResult<bool> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::has(&mut conn, user, product).await?)
}

/// `user`'s favourites as cards, newest first.
pub async fn list(db: &Db, user: i64) -> AppResult<Vec<ProductCard>> {
    let ids = {
        let mut conn = db.pool.acquire().await?;
        repo::ids_of(&mut conn, user, MAX_FAVOURITES).await?
    };
    Ok(crate::catalog::repo::cards_by_ids(db, &ids).await?)
}

/// Erases `user`'s favourites inside the account's deletion.
pub async fn on_account_erased(tx: &mut crate::platform::db::Tx, user: i64) -> AppResult<()> {
    Ok(repo::erase(tx, user).await?)
}
