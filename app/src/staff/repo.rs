//! Staff SQL, nothing else.

use crate::platform::db::Db;

/// Grants `role` over `scope` to `phone` (E.164); granting again changes nothing.
pub async fn grant(
    db: &Db,
    phone: &str,
    role: &str,
    scope: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO staff_roles (phone, role, scope_id, granted_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (phone, role, scope_id) DO NOTHING",
    )
    .bind(phone.to_string())
    .bind(role.to_string())
    .bind(scope)
    .bind(now)
    .execute(&db.pool)
    .await
    .map(|_| ())
}

/// The scopes over which account `user` holds `role` (through the phone it signs
/// in with).
pub async fn scopes(db: &Db, user: i64, role: &str) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT r.scope_id FROM staff_roles r JOIN users u ON u.phone = r.phone \
         WHERE u.id = $1 AND r.role = $2 ORDER BY r.scope_id",
    )
    .bind(user)
    .bind(role.to_string())
    .fetch_all(&db.pool)
    .await
}

/// Every role account `user` holds, with its scope.
pub async fn grants_of(db: &Db, user: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.role, r.scope_id FROM staff_roles r JOIN users u ON u.phone = r.phone \
         WHERE u.id = $1 ORDER BY r.role, r.scope_id",
    )
    .bind(user)
    .fetch_all(&db.pool)
    .await
}
