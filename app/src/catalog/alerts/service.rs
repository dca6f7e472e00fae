//! Back-in-stock and price-drop alerts' use cases.

use super::MAX_ALERTS;
use super::repo;
use crate::catalog::model::product_path;
use crate::platform::db::{Db, Tx};
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;

/// `user` asks to be told when `product` is back in stock: the product's page to go
/// back to. A product in stock needs no alert (nothing is kept); asking twice keeps
/// one; an account holds at most `MAX_ALERTS`.
pub async fn ask(db: &Db, now: i64, user: i64, product: i64) -> AppResult<String> {
    let p = crate::catalog::repo::product(db, product)
        .await?
        .ok_or(AppError::NotFound)?;
    let path = product_path(p.card.id, &p.card.title);
    if p.card.stock > 0 {
        return Ok(path);
    }
    let mut tx = db.begin_write().await?;
    if repo::count_of(&mut tx, user).await? >= MAX_ALERTS {
        return Err(AppError::invalid(Field::Product, Problem::OutOfRange));
    }
    repo::insert(&mut tx, user, product, now).await?;
    tx.commit().await?;
    Ok(path)
}

/// Product `product` (`title`) is back in stock: inside the caller's transaction,
/// every asker is told once and their alerts are done. Answers how many.
pub async fn restocked_in(
    tx: &mut Tx,
    now: i64,
    product: i64,
    title: &str,
) -> Result<usize, sqlx::Error> {
    let askers = repo::take_for(tx, product).await?;
    for (alert, user) in &askers {
        let notice = crate::inbox::NewNotice {
            topic: "stock_alert",
            subject: *alert,
            status: "back",
            text_ru: format!("«{title}» снова в продаже."),
            text_en: format!("“{title}” is back in stock."),
            link: product_path(product, title),
        };
        crate::inbox::post(tx, *user, now, &notice).await?;
    }
    Ok(askers.len())
}

/// `user` follows `product`'s price (`on`) from today's, or stops: the product's
/// page to go back to. An account follows at most `MAX_ALERTS` prices.
pub async fn follow_price(
    db: &Db,
    now: i64,
    user: i64,
    product: i64,
    on: bool,
) -> AppResult<String> {
    let p = crate::catalog::repo::product(db, product)
        .await?
        .ok_or(AppError::NotFound)?;
    let path = product_path(p.card.id, &p.card.title);
    let mut tx = db.begin_write().await?;
    if on {
        if repo::price_count_of(&mut tx, user).await? >= MAX_ALERTS {
            return Err(AppError::invalid(Field::Product, Problem::OutOfRange));
        }
        repo::follow_price(&mut tx, user, product, p.card.price.kopecks(), now).await?;
    } else {
        repo::unfollow_price(&mut tx, user, product).await?;
    }
    tx.commit().await?;
    Ok(path)
}

/// Product `product` (`title`) now costs `price`: inside the caller's transaction,
/// everyone following it who knew a higher price is told, and now knows this one.
/// Answers how many.
pub async fn price_changed_in(
    tx: &mut Tx,
    now: i64,
    product: i64,
    title: &str,
    price: Money,
) -> Result<usize, sqlx::Error> {
    let drops = repo::take_price_drops(tx, product, price.kopecks()).await?;
    for (alert, user, was) in &drops {
        let was = Money::from_kopecks(*was);
        let notice = crate::inbox::NewNotice {
            topic: "price_alert",
            subject: *alert,
            status: &format!("{}", price.kopecks()),
            text_ru: format!("«{title}» подешевел: {price} вместо {was}."),
            text_en: format!("“{title}” is cheaper now: {price} instead of {was}."),
            link: product_path(product, title),
        };
        crate::inbox::post(tx, *user, now, &notice).await?;
    }
    Ok(drops.len())
}

/// Erases `user`'s alerts inside the account's deletion.
pub async fn on_account_erased(tx: &mut Tx, user: i64) -> AppResult<()> {
    repo::erase(tx, user).await?;
    Ok(repo::erase_price(tx, user).await?)
}
