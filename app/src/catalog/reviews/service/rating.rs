//! A product's rating as reviews come, change and go: exact sums of hundredths,
//! in the caller's transaction.

use crate::catalog::reviews::model::{add_rating, remove_rating};
use crate::catalog::reviews::repo;
use crate::platform::db::Tx;
use crate::shared::error::{AppError, AppResult};

/// Product `product`'s rating with one review of `add` stars more and one of
/// `remove` less, in the caller's transaction.
pub(super) async fn rate(
    tx: &mut Tx,
    product: i64,
    add: Option<i64>,
    remove: Option<i64>,
) -> AppResult<()> {
    let (mut total, mut count) = repo::rating(tx, product).await?.ok_or(AppError::NotFound)?;
    let mut average = None;
    if let Some(stars) = remove {
        let r = remove_rating(total, count, stars);
        (total, count, average) = (r.0, r.1, Some(r.2));
    }
    if let Some(stars) = add {
        let r = add_rating(total, count, stars);
        (total, count, average) = (r.0, r.1, Some(r.2));
    }
    if let Some(average) = average {
        repo::set_rating(tx, product, (total, count, average)).await?;
    }
    Ok(())
}
