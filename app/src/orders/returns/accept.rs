//! The pickup point's side of a return: the operator accepts the return under its
//! code, and in the same transaction the money goes back at once (to the wallet,
//! or towards the card, the provider asked after it), points paid come back to
//! their batches, points earned on the lines are taken back, the stock returns,
//! and the shopper is told.

use crate::orders::model::PayMethod;
use crate::orders::repo as orders_repo;
use crate::orders::returns::model::{
    RefundTo, ReturnStatus, parse_return_code, return_number, return_split,
};
use crate::orders::returns::repo::{self, ReturnRow};
use crate::platform::db::Tx;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult};
use crate::shared::money::Money;
use crate::staff::Role;

/// What an accepted return gave back: (money, points paid back, points earned
/// taken back).
type GivenBack = (Money, Money, Money);

/// The operator accepts the return under `code` at their point: the money goes
/// back at once. Its number, and whether a card refund is to be sent.
pub async fn accept(deps: &Deps<'_>, operator: i64, code: &str) -> AppResult<(String, i64, bool)> {
    let points = crate::staff::require(deps.db, operator, Role::Operator).await?;
    let code = parse_return_code(code)?;
    let now = deps.now;
    let user = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::waiting_by_code(&mut conn, &code)
            .await?
            .ok_or(AppError::NotFound)?
            .user_id
    };
    let wallet = crate::wallet::order_accounts(deps.db, user, now).await?;
    let card = crate::wallet::card_accounts(deps.db, now).await?;
    let bonus = crate::wallet::points_accounts(deps.db, now, user).await?;
    let point = points.first().copied();
    crate::wallet::retry(deps.db, || async {
        let mut tx = deps.db.begin_write().await?;
        let Some(r) = repo::waiting_by_code(&mut tx, &code).await? else {
            return Ok(Err(AppError::NotFound));
        };
        let Some(o) = orders_repo::order(&mut tx, r.order_id).await? else {
            return Ok(Err(AppError::NotFound));
        };
        let lines = repo::lines_of(&mut tx, &[r.id]).await?;
        let goods: i64 = lines.iter().map(|l| l.3 * l.4).sum();
        let (pts, money) = return_split(
            goods,
            o.goods,
            o.discount,
            o.paid_points,
            o.paid_points - o.refunded_points,
        );
        let pay = PayMethod::parse(&o.pay_method).unwrap_or(PayMethod::OnReceipt);
        let to_card = r.refund_to == RefundTo::Card.as_str() && pay == PayMethod::Card;
        // Never more than the order's money still held: what a cancel gave back
        // already is not given twice.
        let held = match pay {
            PayMethod::Wallet => o.paid_wallet - o.refunded,
            PayMethod::Card => o.paid_card - o.refunded,
            PayMethod::OnReceipt => money,
        };
        let money = money.min(held).max(0);
        let what = format!("return:{}", r.id);
        let given = give_back(
            &mut tx,
            now,
            (wallet, card, bonus),
            &o,
            &what,
            (pts, money),
            to_card,
        )
        .await?;
        for l in &lines {
            orders_repo::return_stock(&mut tx, l.1, l.4).await?;
        }
        repo::mark_returned(&mut tx, r.id, now).await?;
        let amounts = (given.0.kopecks(), given.1.kopecks(), given.2.kopecks());
        let to = ReturnStatus::Refunded.as_str();
        if !repo::close(&mut tx, r.id, to, now, point, amounts).await? {
            return Err(crate::wallet::LedgerError::Raced);
        }
        tell_refunded(&mut tx, now, &r, given, to_card).await?;
        tx.commit().await?;
        Ok(Ok((return_number(r.id), o.id, to_card)))
    })
    .await?
}

/// Moves a return's money and points in the ledger, each keyed by `what`.
async fn give_back(
    tx: &mut Tx,
    now: i64,
    (wallet, card, bonus): ((i64, i64), (i64, i64), crate::wallet::PointsAccounts),
    o: &orders_repo::OrderRow,
    what: &str,
    (pts, money): (i64, i64),
    to_card: bool,
) -> Result<GivenBack, crate::wallet::LedgerError> {
    if money > 0 {
        let amount = Money::from_kopecks(money);
        let to = if to_card { card } else { wallet };
        crate::wallet::refund_order_in(tx, now, to, o.id, what, amount).await?;
        if to_card {
            orders_repo::insert_card_refund(tx, o.id, what, money, now).await?;
        }
        orders_repo::record_money(tx, o.id, money, o.due_on_receipt).await?;
    }
    let mut back = Money::ZERO;
    if pts > 0 {
        back =
            crate::wallet::return_points_in(tx, now, bonus, o.id, what, Money::from_kopecks(pts))
                .await?;
        orders_repo::record_points_back(tx, o.id, back.kopecks()).await?;
    }
    // The points earned on these lines at receipt go again.
    let net = Money::from_kopecks(pts + money);
    let taken = crate::wallet::take_back_points_in(tx, now, bonus, o.id, what, net).await?;
    Ok((Money::from_kopecks(money), back, taken))
}

async fn tell_refunded(
    tx: &mut Tx,
    now: i64,
    r: &ReturnRow,
    (money, back, _): GivenBack,
    to_card: bool,
) -> Result<(), sqlx::Error> {
    let n = return_number(r.id);
    let (where_ru, where_en) = if to_card {
        ("на карту", "to your card")
    } else {
        ("на Rynok Счёт", "to your Rynok Account")
    };
    let mut ru = format!("Возврат № {n} принят. {money} возвращаем {where_ru}.");
    let mut en = format!("Return No. {n} was accepted. {money} is going back {where_en}.");
    if back > Money::ZERO {
        ru.push_str(&format!(" Баллы вернулись: {}.", back.kopecks() / 100));
        en.push_str(&format!(" Points returned: {}.", back.kopecks() / 100));
    }
    let notice = crate::inbox::NewNotice {
        topic: "return",
        subject: r.id,
        status: ReturnStatus::Refunded.as_str(),
        text_ru: ru,
        text_en: en,
        link: format!("/orders/{}", r.order_id),
    };
    crate::inbox::post(tx, r.user_id, now, &notice)
        .await
        .map(|_| ())
}
