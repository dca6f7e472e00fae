//! Pickup points and delivery rules.

use super::ex::Ex;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PointRow {
    pub id: i64,
    pub city: String,
    pub address: String,
    pub metro: String,
    pub lat_e6: i64,
    pub lon_e6: i64,
    pub hours: String,
    pub storage_days: i64,
    pub delivery_days: i64,
}

const POINT_COLUMNS: &str =
    "id, city, address, metro, lat_e6, lon_e6, hours, storage_days, delivery_days";

pub async fn point(ex: Ex<'_>, id: i64) -> Result<Option<PointRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {POINT_COLUMNS} FROM pickup_points WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await
}

/// The points of these ids.
pub async fn points(ex: Ex<'_>, ids: &[i64]) -> Result<Vec<PointRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = crate::platform::db::SqlBuf::new(&format!(
        "SELECT {POINT_COLUMNS} FROM pickup_points WHERE id IN "
    ));
    q.bind_list(ids);
    q.query_as().fetch_all(ex).await
}

/// Every point of `city`, by id.
pub async fn points_in(ex: Ex<'_>, city: &str) -> Result<Vec<PointRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {POINT_COLUMNS} FROM pickup_points WHERE city = $1 ORDER BY id"
    ))
    .bind(city.to_string())
    .fetch_all(ex)
    .await
}

/// The cities with pickup points, by name.
pub async fn cities(ex: Ex<'_>) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT DISTINCT city FROM pickup_points ORDER BY city")
        .fetch_all(ex)
        .await
}

/// The hub a courier order of `city` leaves from: the city's first point.
pub async fn hub(ex: Ex<'_>, city: &str) -> Result<Option<PointRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {POINT_COLUMNS} FROM pickup_points WHERE city = $1 ORDER BY id LIMIT 1"
    ))
    .bind(city.to_string())
    .fetch_optional(ex)
    .await
}

/// The address `user`'s last courier order went to, if any.
pub async fn last_courier_address(ex: Ex<'_>, user: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT courier_address FROM orders WHERE user_id = $1 AND delivery_kind = 'courier' \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(user)
    .fetch_optional(ex)
    .await
    .map(Option::flatten)
}
