//! The steps inside placing an order's transaction that stand on their own: a new
//! pickup code, the promo code applied, and the shopper's notice.

use crate::orders::model::{Line, PICKUP_CODE_DIGITS, PayMethod, PromoLine, promo_discount};
use crate::orders::repo;
use crate::platform::security::random_digits;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;

/// A pickup code no unfinished order at `point` has: 8 digits from the CSPRNG
/// (a clash among the point's open orders, one in millions, draws again).
pub(super) async fn new_pickup_code(
    tx: &mut crate::platform::db::Tx,
    point: i64,
) -> Result<String, sqlx::Error> {
    loop {
        let code = random_digits(PICKUP_CODE_DIGITS);
        if !repo::pickup_code_taken(tx, point, &code).await? {
            return Ok(code);
        }
    }
}

/// Applies promo code `code` to the lines taken, inside the placing transaction:
/// (the discount, the code's id), its use counted against its total limit; or why
/// it does not apply.
pub(super) async fn apply_promo(
    tx: &mut crate::platform::db::Tx,
    user: i64,
    code: &str,
    taken: &[(&Line, String, i64, i64)],
    now: i64,
) -> Result<AppResult<(i64, Option<i64>)>, sqlx::Error> {
    let Some(p) = repo::promo_by_code(tx, code).await? else {
        return Ok(Err(AppError::invalid(Field::Promo, Problem::Unknown)));
    };
    let products: Vec<i64> = taken.iter().map(|t| t.0.product).collect();
    let facts = repo::promo_facts(tx, &products).await?;
    let lines: Vec<PromoLine> = taken
        .iter()
        .filter_map(|(l, _, price, _)| {
            facts.iter().find(|f| f.0 == l.product).map(|f| PromoLine {
                category: f.1,
                root_category: f.2,
                seller: f.3,
                goods: price * l.quantity,
            })
        })
        .collect();
    let mine = repo::promo_uses_of(tx, p.id, user).await?;
    let off = match promo_discount(&p, &lines, now, mine) {
        Ok(off) => off,
        Err(why) => return Ok(Err(AppError::invalid(Field::Promo, why))),
    };
    if !repo::count_promo_use(tx, p.id).await? {
        return Ok(Err(AppError::invalid(Field::Promo, Problem::Refused)));
    }
    Ok(Ok((off.kopecks(), Some(p.id))))
}

/// Tells the shopper in the inbox (and so by email) that order `id` is placed.
pub(super) async fn placed_notice(
    tx: &mut crate::platform::db::Tx,
    now: i64,
    user: i64,
    id: i64,
    sum: Money,
    pay: PayMethod,
) -> Result<(), sqlx::Error> {
    let n = crate::orders::model::order_number(id);
    let (ru, en) = match pay {
        PayMethod::OnReceipt => ("оплата при получении", "to pay on receipt"),
        PayMethod::Card => ("ждём оплату картой", "waiting for the card payment"),
        PayMethod::Wallet => ("оплачен", "paid"),
    };
    let notice = crate::inbox::NewNotice {
        topic: "order",
        subject: id,
        status: "placed",
        text_ru: format!("Заказ № {n} оформлен на {sum}, {ru}. Мы сообщим, когда он будет в пути."),
        text_en: format!(
            "Order No. {n} is placed for {sum}, {en}. We will tell you when it is on its way."
        ),
        link: format!("/orders/{id}"),
    };
    crate::inbox::post(tx, user, now, &notice).await.map(|_| ())
}
