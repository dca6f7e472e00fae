//! Who holds which role: granted to a phone number, asked about an account.

use crate::platform::db::Db;
use crate::shared::error::{AppError, AppResult};
use crate::shared::phone::Phone;
use crate::staff::model::Role;
use crate::staff::repo;

/// Grants `role` over `scope` (0 for the shop-wide roles) to whoever signs in with
/// `phone`.
pub async fn grant(db: &Db, phone: &Phone, role: Role, scope: i64, now: i64) -> AppResult<()> {
    let scope = if role.scoped() { scope } else { 0 };
    Ok(repo::grant(db, phone.as_str(), role.as_str(), scope, now).await?)
}

/// The scopes over which account `user` holds `role` (none when it holds none).
pub async fn scopes(db: &Db, user: i64, role: Role) -> AppResult<Vec<i64>> {
    let Some(phone) = crate::account::phone_of(db, user).await? else {
        return Ok(Vec::new());
    };
    Ok(repo::scopes(db, phone.as_str(), role.as_str()).await?)
}

/// The roles account `user` holds, for the header's links to the staff screens
/// (a link is never the check: every staff server function asks [`require`]).
pub async fn roles(db: &Db, user: i64) -> AppResult<Vec<Role>> {
    Ok(repo::roles_of(db, user)
        .await?
        .iter()
        .filter_map(|r| Role::parse(r))
        .collect())
}

/// The scopes over which account `user` holds `role`, or `Forbidden`.
pub async fn require(db: &Db, user: i64, role: Role) -> AppResult<Vec<i64>> {
    let s = scopes(db, user, role).await?;
    if s.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(s)
}
