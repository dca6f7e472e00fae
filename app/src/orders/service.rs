//! Placing an order and reading it back. Placing is one transaction: the stock of
//! every line is taken by a conditional update (nothing is ever oversold), the
//! prices are the ones the shopper saw, the payment from the wallet is a ledger
//! transfer, the postings and their first status are written, and the lines leave
//! the cart; any refusal rolls all of it back. An idempotency key per checkout
//! makes a double click, a retry or a second tab give one order and one charge.

use crate::orders::model::{
    ItemView, Line, OrderView, PayMethod, PostingStatus, PostingView, delivery_price, order_number,
    recipient_name,
};
use crate::orders::repo::{self, NewOrder, OrderRow};
use crate::platform::db::{Db, lock_keys};
use crate::platform::security::hash_token;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;
use crate::shared::phone::Phone;
use std::collections::BTreeMap;

/// What the checkout form posts.
pub struct PlaceRequest<'a> {
    /// One per checkout page, made by the page: a retry of the same checkout
    /// carries the same key.
    pub key: &'a str,
    /// "product:quantity:seen_price_kopecks,...".
    pub lines: &'a str,
    pub pickup_point: &'a str,
    pub recipient_name: &'a str,
    pub recipient_phone: &'a str,
    pub pay: &'a str,
}

fn idempotency_key(raw: &str) -> AppResult<&str> {
    let k = raw.trim();
    let ok = (8..=100).contains(&k.len())
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_:".contains(&b));
    if ok {
        Ok(k)
    } else {
        Err(AppError::invalid(Field::Request, Problem::Malformed))
    }
}

/// Places the order, or answers the order this checkout already placed.
pub async fn place(deps: &Deps<'_>, user: i64, r: PlaceRequest<'_>) -> AppResult<OrderView> {
    let key = idempotency_key(r.key)?;
    let lines = Line::parse_list(r.lines)?;
    let point = AppError::parse_id(r.pickup_point, Field::PickupPoint)?;
    let name = recipient_name(r.recipient_name)?;
    let phone = Phone::from_field(r.recipient_phone, Field::Phone)?;
    let pay = PayMethod::parse(r.pay)?;
    let request_hash = hash_token(&format!(
        "{}|{point}|{name}|{}|{}",
        Line::canonical(&lines),
        phone.as_str(),
        pay.as_str()
    ));
    let now = deps.now;
    // Accounts are opened before the transaction: on SQLite it holds the one writer.
    let accounts = match pay {
        PayMethod::Wallet => Some(crate::wallet::order_accounts(deps.db, user, now).await?),
        PayMethod::OnReceipt => None,
    };
    let products: Vec<i64> = lines.iter().map(|l| l.product).collect();
    let outcome = crate::wallet::retry(deps.db, || async {
        let mut tx = deps.db.begin_write().await?;
        lock_keys(&mut tx, &[format!("order:{user}")]).await?;
        if let Some(o) = repo::order_by_key(&mut tx, user, key).await? {
            // The same checkout again: its order. The key with other contents: refused.
            return Ok(if o.request_hash == request_hash {
                Ok(o.id)
            } else {
                Err(AppError::invalid(Field::Request, Problem::Refused))
            });
        }
        if repo::pickup_point(&mut tx, point).await?.is_none() {
            return Ok(Err(AppError::invalid(Field::PickupPoint, Problem::Unknown)));
        }
        let mut goods = 0i64;
        let mut taken = Vec::with_capacity(lines.len());
        // Lines are sorted by product: rows are locked in one order, no deadlock.
        for l in &lines {
            let Some((title, price, stock, seller)) = repo::product(&mut tx, l.product).await?
            else {
                return Ok(Err(AppError::invalid(Field::Product, Problem::Unknown)));
            };
            if price != l.seen_price.kopecks() {
                return Ok(Err(AppError::invalid(
                    Field::Product,
                    Problem::PriceChanged,
                )));
            }
            if !repo::take_stock(&mut tx, l.product, l.quantity).await? {
                // The stock read above may be older than the update's (Postgres reads
                // committed rows): what is left is below the quantity asked for.
                return Ok(Err(AppError::InsufficientStock {
                    available: stock.min(l.quantity - 1).max(0),
                }));
            }
            goods += price * l.quantity;
            taken.push((l, title, price, seller));
        }
        let (price, free_from) = repo::delivery_rule(&mut tx, "pickup")
            .await?
            .unwrap_or((0, 0));
        let delivery = delivery_price(
            Money::from_kopecks(goods),
            Money::from_kopecks(price),
            Money::from_kopecks(free_from),
        )
        .kopecks();
        let total = goods + delivery;
        let id = repo::insert_order(
            &mut tx,
            &NewOrder {
                user_id: user,
                key,
                request_hash: &request_hash,
                pickup_point_id: point,
                recipient_name: &name,
                recipient_phone: phone.as_str(),
                goods,
                delivery,
                pay_method: pay.as_str(),
                paid_wallet: 0,
                due_on_receipt: if pay == PayMethod::OnReceipt {
                    total
                } else {
                    0
                },
                now,
            },
        )
        .await?;
        if let Some(accounts) = accounts {
            let paid =
                crate::wallet::pay_order_in(&mut tx, now, accounts, id, Money::from_kopecks(total))
                    .await?;
            if let Err(e) = paid {
                return Ok(Err(e));
            }
            repo::set_paid_wallet(&mut tx, id, total).await?;
        }
        // One posting per seller (Rynok's own warehouse for now), each starting
        // its timeline: paid or paid on receipt, it waits for packaging.
        let first = PostingStatus::AwaitingPackaging.as_str();
        let mut postings: BTreeMap<i64, i64> = BTreeMap::new();
        for (l, title, price, seller) in &taken {
            let posting = match postings.get(seller) {
                Some(p) => *p,
                None => {
                    let p = repo::insert_posting(&mut tx, id, *seller, first, now).await?;
                    repo::add_event(&mut tx, p, first, now).await?;
                    postings.insert(*seller, p);
                    p
                }
            };
            repo::insert_item(&mut tx, id, posting, l.product, title, *price, l.quantity).await?;
        }
        if let Err(e) = crate::cart::on_ordered(&mut tx, user, &products).await {
            return Ok(Err(e));
        }
        tx.commit().await?;
        Ok(Ok(id))
    })
    .await?;
    let id = outcome?;
    view(deps.db, user, id).await
}

async fn to_view(conn: &mut sqlx::AnyConnection, o: OrderRow) -> AppResult<OrderView> {
    let number = order_number(o.id);
    let items = repo::items_of(conn, o.id).await?;
    let events = repo::events_of(conn, o.id).await?;
    let mut postings = Vec::new();
    for (n, (pid, status)) in repo::postings_of(conn, o.id).await?.into_iter().enumerate() {
        let timeline = events
            .iter()
            .filter(|e| e.0 == pid)
            .filter_map(|(_, s, at)| PostingStatus::parse(s).map(|s| (s, *at)))
            .collect();
        postings.push(PostingView {
            number: format!("{number}-{}", n + 1),
            status: PostingStatus::parse(&status).unwrap_or(PostingStatus::AwaitingPackaging),
            items: items
                .iter()
                .filter(|i| i.0 == pid)
                .map(|(_, product, title, price, quantity)| ItemView {
                    product: *product,
                    title: title.clone(),
                    price: Money::from_kopecks(*price),
                    quantity: *quantity,
                })
                .collect(),
            timeline,
        });
    }
    let pickup_point = repo::pickup_point(conn, o.pickup_point_id)
        .await?
        .unwrap_or_default();
    Ok(OrderView {
        id: o.id,
        number,
        pickup_point,
        recipient: format!("{}, {}", o.recipient_name, o.recipient_phone),
        goods: Money::from_kopecks(o.goods),
        delivery: Money::from_kopecks(o.delivery),
        total: Money::from_kopecks(o.total),
        pay: PayMethod::parse(&o.pay_method).unwrap_or(PayMethod::OnReceipt),
        paid: Money::from_kopecks(o.paid_wallet),
        due_on_receipt: Money::from_kopecks(o.due_on_receipt),
        created_at: o.created_at,
        postings,
    })
}

/// What orders say against deleting the account: one not received, returned or
/// cancelled yet.
pub async fn deletion_blockers(
    db: &Db,
    user: i64,
) -> AppResult<Vec<crate::shared::error::Blocker>> {
    let mut conn = db.pool.acquire().await?;
    Ok(if repo::has_open(&mut conn, user).await? {
        vec![crate::shared::error::Blocker::OrderInProgress]
    } else {
        Vec::new()
    })
}

/// Order `id` of `user` (another account's order is not found).
pub async fn view(db: &Db, user: i64, id: i64) -> AppResult<OrderView> {
    let mut conn = db.pool.acquire().await?;
    let o = repo::order(&mut conn, id)
        .await?
        .filter(|o| o.user_id == user)
        .ok_or(AppError::NotFound)?;
    to_view(&mut conn, o).await
}

/// `user`'s latest orders, newest first.
pub async fn list(db: &Db, user: i64) -> AppResult<Vec<OrderView>> {
    let mut conn = db.pool.acquire().await?;
    let rows = repo::orders_of(&mut conn, user, 50).await?;
    let mut out = Vec::with_capacity(rows.len());
    for o in rows {
        out.push(to_view(&mut conn, o).await?);
    }
    Ok(out)
}
