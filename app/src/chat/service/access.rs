//! Who is who in a dialog, for every use case: the dialog's shopper, or a
//! seller's staff over its seller; anyone else gets "not found", as for a dialog
//! that does not exist. And the counters a change raises.

use crate::chat::model::Party;
use crate::chat::repo::{self, DialogRow};
use crate::platform::changes;
use crate::platform::db::{Db, Tx};
use crate::shared::error::{AppError, AppResult};
use crate::staff::Role;

/// Which side `user` is on in dialog `d`: its shopper, or a seller's staff over
/// its seller; "not found" for anyone else.
async fn party_in(db: &Db, user: i64, d: &DialogRow) -> AppResult<Party> {
    if d.shopper_id == user {
        return Ok(Party::Shopper(user));
    }
    if crate::staff::scopes(db, user, Role::SellerStaff)
        .await?
        .contains(&d.seller_id)
    {
        return Ok(Party::Seller(d.seller_id));
    }
    Err(AppError::NotFound)
}

pub(super) async fn dialog_of(db: &Db, user: i64, id: i64) -> AppResult<(DialogRow, Party)> {
    let mut conn = db.pool.acquire().await?;
    let d = repo::dialog(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    let party = party_in(db, user, &d).await?;
    Ok((d, party))
}

/// Both sides' counters rise: each one's poll sees the change.
pub(super) async fn bump_both(tx: &mut Tx, d: &DialogRow) -> Result<(), sqlx::Error> {
    changes::bump(tx, &Party::Shopper(d.shopper_id).key()).await?;
    changes::bump(tx, &Party::Seller(d.seller_id).key()).await?;
    Ok(())
}
