//! Who holds which role: granted to a phone number, asked about an account.

use crate::platform::db::Db;
use crate::shared::error::{AppError, AppResult};
use crate::shared::phone::Phone;
use crate::staff::model::{Grants, Role};
use crate::staff::repo;

/// Grants `role` over `scope` (0 for the shop-wide roles) to whoever signs in with
/// `phone`.
pub async fn grant(db: &Db, phone: &Phone, role: Role, scope: i64, now: i64) -> AppResult<()> {
    let scope = if role.scoped() { scope } else { 0 };
    Ok(repo::grant(db, phone.as_str(), role.as_str(), scope, now).await?)
}

/// The scopes over which account `user` holds `role` (none when it holds none).
pub async fn scopes(db: &Db, user: i64, role: Role) -> AppResult<Vec<i64>> {
    Ok(repo::scopes(db, user, role.as_str()).await?)
}

/// Every role account `user` holds, with where, in one read: for the header,
/// which links to the staff screens (a link is never the check: every staff
/// server function asks [`require`]) and counts a seller's staff's messages.
pub async fn grants(db: &Db, user: i64) -> AppResult<Grants> {
    Ok(Grants(
        repo::grants_of(db, user)
            .await?
            .into_iter()
            .filter_map(|(r, scope)| Role::parse(&r).map(|r| (r, scope)))
            .collect(),
    ))
}

/// The scopes over which account `user` holds `role`, or `Forbidden`.
pub async fn require(db: &Db, user: i64, role: Role) -> AppResult<Vec<i64>> {
    let s = scopes(db, user, role).await?;
    if s.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(s)
}
