//! Returns' use cases: the form of an order's returnable lines, asking for a
//! return (lines, reason, comment, photos, where the money goes), withdrawing it,
//! the shopper's list, and the pickup point's operator finding it by its code.
//! Accepting it, with the money back, is `accept`.

use crate::orders::model::{PayMethod, order_number};
use crate::orders::repo as orders_repo;
use crate::orders::returns::model::{
    DROP_OFF_DAYS, KeptLine, MAX_PHOTOS, RETURN_CODE_DIGITS, RefundTo, ReturnAtPoint, ReturnForm,
    ReturnLine, ReturnReason, ReturnStatus, ReturnView, ReturnableLine, parse_comment,
    parse_return_code, return_number, return_until,
};
use crate::orders::returns::repo::{self, LineRow, NewReturn, ReturnRow};
use crate::platform::db::{Db, Tx};
use crate::platform::photo;
use crate::platform::security::random_digits;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Blocker, Field, Problem};
use crate::shared::money::Money;
use crate::staff::Role;

/// What the shopper sent to ask for a return, as the form sent it.
pub struct ReturnRequest {
    pub order: i64,
    pub items: Vec<i64>,
    pub reason: String,
    pub comment: String,
    pub refund_to: String,
    /// The photos' bytes as uploaded (empty file fields left out).
    pub photos: Vec<Vec<u8>>,
}

/// Order `id` if it is `user`'s.
async fn own_order(
    ex: orders_repo::Ex<'_>,
    user: i64,
    id: i64,
) -> AppResult<orders_repo::OrderRow> {
    orders_repo::order(ex, id)
        .await?
        .filter(|o| o.user_id == user)
        .ok_or(AppError::NotFound)
}

/// Whether line `l` can be returned at `now`: its last moment, or why not (`true`:
/// never; `false`: too late). `None` for a line not received or already in a return.
fn returnable(l: &LineRow, now: i64) -> Option<Result<i64, bool>> {
    if l.cancelled_at.is_some() || l.return_id.is_some() {
        return None;
    }
    let received = l.received_at?;
    Some(match return_until(received, l.return_days) {
        None => Err(true),
        Some(until) if now <= until => Ok(until),
        Some(_) => Err(false),
    })
}

/// The return form of `user`'s order `order`: what can go back, and what cannot.
pub async fn form(db: &Db, now: i64, user: i64, order: i64) -> AppResult<ReturnForm> {
    let mut conn = db.pool.acquire().await?;
    let o = own_order(&mut conn, user, order).await?;
    let rows = repo::lines(&mut conn, order).await?;
    let mut lines = Vec::new();
    let mut kept = Vec::new();
    for l in &rows {
        match returnable(l, now) {
            Some(Ok(until)) => lines.push(ReturnableLine {
                id: l.id,
                product: l.product_id,
                title: l.title.clone(),
                price: Money::from_kopecks(l.price),
                quantity: l.quantity,
                until,
            }),
            Some(Err(never)) => kept.push(KeptLine {
                title: l.title.clone(),
                never,
            }),
            None => {}
        }
    }
    Ok(ReturnForm {
        order,
        number: order_number(order),
        lines,
        kept,
        card: PayMethod::parse(&o.pay_method) == Ok(PayMethod::Card),
    })
}

/// `user` asks to return lines of their order: the new return's id. Everything is
/// checked before anything is written; the lines are claimed inside the
/// transaction, so two requests never return one line twice.
pub async fn create(deps: &Deps<'_>, user: i64, r: ReturnRequest) -> AppResult<i64> {
    let reason = ReturnReason::parse(&r.reason)?;
    let comment = parse_comment(&r.comment)?;
    let refund_to = RefundTo::parse(&r.refund_to)?;
    let mut items = r.items.clone();
    items.sort_unstable();
    items.dedup();
    if items.is_empty() {
        return Err(AppError::invalid(Field::Selected, Problem::Required));
    }
    let photos = photo::clean_all(r.photos, MAX_PHOTOS).await?;
    let now = deps.now;
    let mut tx = deps.db.begin_write().await?;
    let o = own_order(&mut tx, user, r.order).await?;
    if refund_to == RefundTo::Card && PayMethod::parse(&o.pay_method) != Ok(PayMethod::Card) {
        return Err(AppError::invalid(Field::Request, Problem::Rejected));
    }
    let rows = repo::lines(&mut tx, o.id).await?;
    for id in &items {
        let Some(l) = rows.iter().find(|l| l.id == *id) else {
            return Err(AppError::invalid(Field::Selected, Problem::Unknown));
        };
        if !matches!(returnable(l, now), Some(Ok(_))) {
            return Err(AppError::invalid(Field::Selected, Problem::NotReturnable));
        }
    }
    let code = loop {
        let code = random_digits(RETURN_CODE_DIGITS);
        if !repo::code_taken(&mut tx, &code).await? {
            break code;
        }
    };
    let id = repo::insert_return(
        &mut tx,
        &NewReturn {
            order: o.id,
            user,
            code: &code,
            reason: reason.as_str(),
            comment: &comment,
            refund_to: refund_to.as_str(),
            now,
        },
    )
    .await?;
    for item in &items {
        if !repo::claim_line(&mut tx, *item, id).await? {
            // Another request took it first.
            return Err(AppError::invalid(Field::Selected, Problem::NotReturnable));
        }
    }
    for p in &photos {
        repo::insert_photo(&mut tx, id, &p.image, &p.thumb, now).await?;
    }
    let n = return_number(id);
    let notice = crate::inbox::NewNotice {
        topic: "return",
        subject: id,
        status: ReturnStatus::Created.as_str(),
        text_ru: format!(
            "Возврат № {n} оформлен. Сдайте товар в любой пункт выдачи Rynok: код возврата — на странице заказа."
        ),
        text_en: format!(
            "Return No. {n} is registered. Drop the goods at any Rynok pickup point: the return code is on the order's page."
        ),
        link: format!("/orders/{}", o.id),
    };
    crate::inbox::post(&mut tx, user, now, &notice).await?;
    tx.commit().await?;
    Ok(id)
}

/// `user` withdraws their return `id` before it is accepted: its lines can be
/// returned again.
pub async fn cancel(deps: &Deps<'_>, user: i64, id: i64) -> AppResult<i64> {
    let mut tx = deps.db.begin_write().await?;
    let r = repo::by_id(&mut tx, id)
        .await?
        .filter(|r| r.user_id == user)
        .ok_or(AppError::NotFound)?;
    let to = ReturnStatus::Cancelled.as_str();
    if !repo::close(&mut tx, id, to, deps.now, None, (0, 0, 0)).await? {
        return Err(AppError::invalid(Field::Request, Problem::Refused));
    }
    repo::free_lines(&mut tx, id).await?;
    tx.commit().await?;
    Ok(r.order_id)
}

/// Returns not dropped off within `DROP_OFF_DAYS` are cancelled, their lines free
/// again, and the shopper told: how many. Each in a transaction that re-checks it
/// still waits, so several servers cancel nothing twice.
pub async fn expire_due(deps: &Deps<'_>) -> AppResult<usize> {
    let now = deps.now;
    let due = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::waiting_since(&mut conn, now - DROP_OFF_DAYS * 86_400_000, 500).await?
    };
    let mut cancelled = 0;
    for (id, user, order) in due {
        let mut tx = deps.db.begin_write().await?;
        let to = ReturnStatus::Cancelled.as_str();
        if !repo::close(&mut tx, id, to, now, None, (0, 0, 0)).await? {
            continue;
        }
        repo::free_lines(&mut tx, id).await?;
        let n = return_number(id);
        let notice = crate::inbox::NewNotice {
            topic: "return",
            subject: id,
            status: "expired",
            text_ru: format!(
                "Заявка на возврат № {n} отменена: товар не сдали в пункт выдачи за {DROP_OFF_DAYS} дней. Пока срок возврата не прошёл, можно оформить новую."
            ),
            text_en: format!(
                "Return No. {n} is cancelled: the goods were not dropped at a pickup point within {DROP_OFF_DAYS} days. You can ask again while the return period lasts."
            ),
            link: format!("/orders/{order}"),
        };
        crate::inbox::post(&mut tx, user, now, &notice).await?;
        tx.commit().await?;
        cancelled += 1;
    }
    Ok(cancelled)
}

/// The returns of `user`'s order `order`, newest first.
pub async fn of_order(db: &Db, user: i64, order: i64) -> AppResult<Vec<ReturnView>> {
    let mut conn = db.pool.acquire().await?;
    own_order(&mut conn, user, order).await?;
    let rows = repo::returns_of(&mut conn, order).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let lines = repo::lines_of(&mut conn, &ids).await?;
    let photos = repo::photos_of(&mut conn, &ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| view(r, &lines, &photos))
        .collect())
}

fn lines_view(id: i64, lines: &[repo::ReturnLineRow]) -> Vec<ReturnLine> {
    lines
        .iter()
        .filter(|l| l.0 == id)
        .map(|l| ReturnLine {
            product: l.1,
            title: l.2.clone(),
            price: Money::from_kopecks(l.3),
            quantity: l.4,
        })
        .collect()
}

fn view(r: ReturnRow, lines: &[repo::ReturnLineRow], photos: &[(i64, i64)]) -> Option<ReturnView> {
    let status = ReturnStatus::parse(&r.status)?;
    Some(ReturnView {
        id: r.id,
        number: return_number(r.id),
        code: (status == ReturnStatus::Created).then_some(r.code),
        status,
        reason: ReturnReason::parse(&r.reason).ok()?,
        comment: r.comment,
        refund_to: RefundTo::parse(&r.refund_to).ok()?,
        lines: lines_view(r.id, lines),
        photos: photos.iter().filter(|p| p.0 == r.id).map(|p| p.1).collect(),
        refund: Money::from_kopecks(r.refund),
        points_back: Money::from_kopecks(r.points_back),
        points_taken: Money::from_kopecks(r.points_taken),
        created_at: r.created_at,
        closed_at: r.closed_at,
    })
}

/// The return waiting under `code`, for an operator of any pickup point.
pub async fn find_at_point(deps: &Deps<'_>, operator: i64, code: &str) -> AppResult<ReturnAtPoint> {
    crate::staff::require(deps.db, operator, Role::Operator).await?;
    let code = parse_return_code(code)?;
    let mut conn = deps.db.pool.acquire().await?;
    let r = repo::waiting_by_code(&mut conn, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let lines = repo::lines_of(&mut conn, &[r.id]).await?;
    let photos = repo::photos_of(&mut conn, &[r.id]).await?;
    Ok(ReturnAtPoint {
        number: return_number(r.id),
        order_number: order_number(r.order_id),
        reason: ReturnReason::parse(&r.reason)?,
        lines: lines_view(r.id, &lines),
        photos: photos.len(),
    })
}

/// Photo `id` (or its thumbnail) of one of `user`'s returns.
pub async fn photo(db: &Db, user: i64, id: i64, thumb: bool) -> AppResult<Vec<u8>> {
    let mut conn = db.pool.acquire().await?;
    repo::photo(&mut conn, id, thumb)
        .await?
        .filter(|(owner, _)| *owner == user)
        .map(|(_, bytes)| bytes)
        .ok_or(AppError::NotFound)
}

/// What returns say against deleting the account: one waiting to be dropped off.
pub async fn deletion_blockers(db: &Db, user: i64) -> AppResult<Vec<Blocker>> {
    let mut conn = db.pool.acquire().await?;
    Ok(if repo::has_open(&mut conn, user).await? {
        vec![Blocker::ReturnInProgress]
    } else {
        Vec::new()
    })
}

/// The account is being erased: its returns' photos go.
pub async fn on_account_erased(tx: &mut Tx, user: i64) -> AppResult<()> {
    repo::erase_photos(tx, user).await?;
    Ok(())
}
