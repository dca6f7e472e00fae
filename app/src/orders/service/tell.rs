//! What the shopper is told in the inbox when a posting moves: on its way, at the
//! pickup point, back or cancelled. Shared by the logistics job and the seller's
//! actions.

use crate::orders::model::{PostingStatus, Slot, order_number};
use crate::platform::db::Tx;
use crate::shared::time::{date_of, date_ru};

/// Tells the shopper that posting `posting` is on its way or at the pickup point
/// (kept until `stored`), or with the courier for the `courier` slot (from, to);
/// other statuses are told by their own words.
#[allow(clippy::too_many_arguments)]
pub(super) async fn tell(
    tx: &mut Tx,
    now: i64,
    user: i64,
    order: i64,
    posting: i64,
    status: PostingStatus,
    stored: Option<i64>,
    courier: Option<(i64, i64)>,
) -> Result<(), sqlx::Error> {
    let n = order_number(order);
    let until = stored.map(|t| date_ru(&date_of(t))).unwrap_or_default();
    let (ru, en) = match (status, courier) {
        (PostingStatus::AtPickupPoint, Some((from, to))) => {
            let (day, slot) = (date_ru(&date_of(from)), Slot::of(from, to).text());
            (
                format!(
                    "Заказ № {n} у курьера: он привезёт его {day}, {slot}. Назовите курьеру код получения со страницы заказа."
                ),
                format!(
                    "Order No. {n} is with the courier, who brings it on {day}, {slot}. Tell the courier the code from the order's page."
                ),
            )
        }
        (status, _) => match status {
            PostingStatus::InTransit => (
                format!("Заказ № {n} в пути."),
                format!("Order No. {n} is on its way."),
            ),
            PostingStatus::AtPickupPoint => (
                format!("Заказ № {n} ждёт вас в пункте выдачи до {until}."),
                format!("Order No. {n} waits for you at the pickup point until {until}."),
            ),
            _ => return Ok(()),
        },
    };
    post(tx, now, user, order, posting, status, ru, en).await
}

/// Posts a notice about posting `posting` of `user`'s order `order`.
#[allow(clippy::too_many_arguments)]
pub(super) async fn post(
    tx: &mut Tx,
    now: i64,
    user: i64,
    order: i64,
    posting: i64,
    status: PostingStatus,
    text_ru: String,
    text_en: String,
) -> Result<(), sqlx::Error> {
    let notice = crate::inbox::NewNotice {
        topic: "posting",
        subject: posting,
        status: status.as_str(),
        text_ru,
        text_en,
        link: format!("/orders/{order}"),
    };
    crate::inbox::post(tx, user, now, &notice).await.map(|_| ())
}
