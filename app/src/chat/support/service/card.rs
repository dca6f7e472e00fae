//! The shopper's card an agent sees beside a request: name, phone, email and the
//! latest orders, never a code or a token.

use crate::chat::support::model::{ShopperCard, ShopperOrder};
use crate::platform::db::Db;
use crate::shared::error::AppResult;
use crate::shared::time::local_datetime;

/// Shopper `shopper`'s card; an erased account's has its orders only.
pub(super) async fn shopper_card(db: &Db, shopper: i64) -> AppResult<ShopperCard> {
    let me = crate::account::me(db, shopper).await?;
    let (orders, _) =
        crate::orders::list_orders(db, shopper, crate::orders::OrderFilter::All, None).await?;
    let orders = orders
        .into_iter()
        .take(10)
        .map(|o| ShopperOrder {
            id: o.id,
            number: o.number,
            at: local_datetime(o.created_at),
            total: o.total,
            statuses: o
                .postings
                .iter()
                .map(|p| (p.status, o.courier.is_some()))
                .collect(),
        })
        .collect();
    Ok(match me {
        Some(me) => ShopperCard {
            name: me.name,
            phone: me.phone,
            email: me.email,
            email_verified: me.email_verified,
            orders,
        },
        // An erased account: nothing left to show but its orders.
        None => ShopperCard {
            name: String::new(),
            phone: String::new(),
            email: None,
            email_verified: false,
            orders,
        },
    })
}
