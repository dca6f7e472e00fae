//! Pickup points, delivery rules and promo codes as checkout offers them.

use crate::orders::model::{DeliveryKind, PickupPoint, courier_days};
use crate::orders::repo::{self, PointRow};
use crate::platform::db::Db;
use crate::shared::error::AppResult;
use crate::shared::money::Money;

fn point(r: PointRow) -> PickupPoint {
    PickupPoint {
        id: r.id,
        city: r.city,
        address: r.address,
        metro: r.metro,
        lat_e6: r.lat_e6,
        lon_e6: r.lon_e6,
        hours: r.hours,
        storage_days: r.storage_days,
        delivery_days: r.delivery_days,
    }
}

/// The cities with pickup points, by name.
pub async fn cities(db: &Db) -> AppResult<Vec<String>> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::cities(&mut conn).await?)
}

/// The points of `city` whose address or metro station holds `query`. The match
/// is made here rather than in SQL: SQLite folds only ASCII letters' case, and a
/// city has some hundreds of points at most.
pub async fn points_in(db: &Db, city: &str, query: &str) -> AppResult<Vec<PickupPoint>> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::points_in(&mut conn, city)
        .await?
        .into_iter()
        .map(point)
        .filter(|p| p.matches(query))
        .collect())
}

/// Point `id`, if there is one.
pub async fn pickup_point(db: &Db, id: i64) -> AppResult<Option<PickupPoint>> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::point(&mut conn, id).await?.map(point))
}

/// Delivery of `kind` (to a pickup point, by courier): (price, free from).
pub async fn delivery_rule(db: &Db, kind: DeliveryKind) -> AppResult<(Money, Money)> {
    let mut conn = db.pool.acquire().await?;
    let (price, free_from) = repo::delivery_rule(&mut conn, kind.as_str())
        .await?
        .unwrap_or((0, 0));
    Ok((Money::from_kopecks(price), Money::from_kopecks(free_from)))
}

/// The days a courier can come in `city` as of `now` (Moscow midnights; none where
/// there is no hub), and the address `user`'s last courier order went to.
pub async fn courier_offer(
    db: &Db,
    user: i64,
    city: &str,
    now: i64,
) -> AppResult<(Vec<i64>, Option<String>)> {
    let mut conn = db.pool.acquire().await?;
    let days = match repo::hub(&mut conn, city).await? {
        Some(hub) => courier_days(now, hub.delivery_days),
        None => Vec::new(),
    };
    Ok((days, repo::last_courier_address(&mut conn, user).await?))
}

/// What promo code `code` would take off these lines for `user` now — (product,
/// price × quantity) — or why it does not apply; checkout shows it before placing.
pub async fn preview_promo(
    db: &Db,
    user: i64,
    code: &str,
    lines: &[(i64, i64)],
    now: i64,
) -> AppResult<Money> {
    use crate::orders::model::{PromoLine, promo_discount};
    use crate::shared::error::{AppError, Field, Problem};
    let mut conn = db.pool.acquire().await?;
    let Some(p) = repo::promo_by_code(&mut conn, code).await? else {
        return Err(AppError::invalid(Field::Promo, Problem::Unknown));
    };
    let products: Vec<i64> = lines.iter().map(|l| l.0).collect();
    let facts = repo::promo_facts(&mut conn, &products).await?;
    let lines: Vec<PromoLine> = lines
        .iter()
        .filter_map(|(product, goods)| {
            facts.iter().find(|f| f.0 == *product).map(|f| PromoLine {
                category: f.1,
                root_category: f.2,
                seller: f.3,
                goods: *goods,
            })
        })
        .collect();
    let mine = repo::promo_uses_of(&mut conn, p.id, user).await?;
    promo_discount(&p, &lines, now, mine).map_err(|why| AppError::invalid(Field::Promo, why))
}
