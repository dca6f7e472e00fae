//! Placing an order, in one transaction: the stock of
//! every line is taken by a conditional update (nothing is ever oversold), the
//! prices are the ones the shopper saw, the payment from the wallet is a ledger
//! transfer, the postings and their first status are written, and the lines leave
//! the cart; any refusal rolls all of it back. An idempotency key per checkout
//! makes a double click, a retry or a second tab give one order and one charge.

use super::place_steps::{apply_promo, new_pickup_code, placed_notice};
use super::read::view;
use crate::orders::model::{
    DeliveryKind, Line, OrderView, PayMethod, PostingStatus, Slot, courier_address, courier_window,
    delivery_price, parse_points, parse_promo_code, recipient_name,
};
use crate::orders::repo::{self, NewOrder};
use crate::platform::db::lock_keys;
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
    /// The pickup point chosen; "" for a courier.
    pub pickup_point: &'a str,
    /// By courier instead: where and when.
    pub courier: Option<CourierRequest<'a>>,
    pub recipient_name: &'a str,
    pub recipient_phone: &'a str,
    pub pay: &'a str,
    /// Bonus points to spend, in kopecks as the page showed them ("" for none).
    pub points: &'a str,
    /// A promo code checkout applied ("" for none).
    pub promo: &'a str,
    /// Checkout showed the first-order discount applied.
    pub first_order: bool,
}

/// Where and when a courier brings the order, as the checkout form posts it.
#[derive(Debug, Clone, Copy)]
pub struct CourierRequest<'a> {
    pub city: &'a str,
    pub address: &'a str,
    /// YYYY-MM-DD, one of the days checkout offered.
    pub date: &'a str,
    /// "10-14".
    pub slot: &'a str,
}

/// Where the order goes, as parsed: a point, or a courier in a city.
enum Destination {
    Point(i64),
    Courier {
        city: String,
        address: String,
        date: String,
        slot: Slot,
    },
}

impl Destination {
    fn parse(point: &str, courier: Option<CourierRequest<'_>>) -> AppResult<Destination> {
        let Some(c) = courier else {
            return Ok(Destination::Point(AppError::parse_id(
                point,
                Field::PickupPoint,
            )?));
        };
        let city = c.city.trim();
        if city.is_empty() || city.chars().count() > 100 {
            return Err(AppError::invalid(Field::Delivery, Problem::Unknown));
        }
        let address = courier_address(c.address)?;
        if !crate::shared::time::valid_date(c.date.trim()) {
            return Err(AppError::invalid(Field::DeliveryDate, Problem::NotADate));
        }
        Ok(Destination::Courier {
            city: city.to_string(),
            address,
            date: c.date.trim().to_string(),
            slot: Slot::parse(c.slot)?,
        })
    }

    fn kind(&self) -> DeliveryKind {
        match self {
            Destination::Point(_) => DeliveryKind::Pickup,
            Destination::Courier { .. } => DeliveryKind::Courier,
        }
    }

    /// For the request's hash: a repeat must ask for the same delivery.
    fn canonical(&self) -> String {
        match self {
            Destination::Point(p) => p.to_string(),
            Destination::Courier {
                city,
                address,
                date,
                slot,
            } => format!("courier:{city}:{address}:{date}:{}", slot.value()),
        }
    }
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
    let destination = Destination::parse(r.pickup_point, r.courier)?;
    let name = recipient_name(r.recipient_name)?;
    let phone = Phone::from_field(r.recipient_phone, Field::Phone)?;
    let pay = PayMethod::parse(r.pay)?;
    let points = parse_points(r.points)?;
    let promo = parse_promo_code(r.promo)?;
    let request_hash = hash_token(&format!(
        "{}|{}|{name}|{}|{}|{}|{}|{}",
        Line::canonical(&lines),
        destination.canonical(),
        phone.as_str(),
        pay.as_str(),
        points.kopecks(),
        promo.as_deref().unwrap_or_default(),
        r.first_order
    ));
    let now = deps.now;
    // Accounts are opened before the transaction: on SQLite it holds the one writer.
    let accounts = match pay {
        PayMethod::Wallet => Some(crate::wallet::order_accounts(deps.db, user, now).await?),
        PayMethod::Card | PayMethod::OnReceipt => None,
    };
    let points_accounts = match points > Money::ZERO {
        true => Some(crate::wallet::points_accounts(deps.db, now, user).await?),
        false => None,
    };
    let products: Vec<i64> = lines.iter().map(|l| l.product).collect();
    // Paid by card: the payment's idempotence key at the provider, the order's own.
    let payment_key = match pay {
        PayMethod::Card => crate::platform::security::random_token(),
        _ => String::new(),
    };
    let outcome = crate::wallet::retry(deps.db, || async {
        let mut tx = deps.db.begin_write().await?;
        lock_keys(&mut tx, &[format!("order:{user}")]).await?;
        if let Some(o) = repo::order_by_key(&mut tx, user, key).await? {
            // The same checkout again: its order. The key with other contents: refused.
            return Ok(if o.request_hash == request_hash {
                Ok(o.id)
            } else {
                Err(AppError::invalid(Field::Request, Problem::AlreadyUsed))
            });
        }
        // A pickup point, or the hub of the courier's city with the slot asked for.
        let (point, courier) = match &destination {
            Destination::Point(p) => match repo::point(&mut tx, *p).await? {
                Some(_) => (*p, None),
                None => return Ok(Err(AppError::invalid(Field::PickupPoint, Problem::Unknown))),
            },
            Destination::Courier {
                city,
                address,
                date,
                slot,
            } => {
                let Some(hub) = repo::hub(&mut tx, city).await? else {
                    return Ok(Err(AppError::invalid(Field::Delivery, Problem::Unknown)));
                };
                match courier_window(now, hub.delivery_days, date, *slot) {
                    Ok((from, to)) => (hub.id, Some((address.as_str(), from, to))),
                    Err(e) => return Ok(Err(e)),
                }
            }
        };
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
        let (price, free_from) = repo::delivery_rule(&mut tx, destination.kind().as_str())
            .await?
            .unwrap_or((0, 0));
        let delivery = delivery_price(
            Money::from_kopecks(goods),
            Money::from_kopecks(price),
            Money::from_kopecks(free_from),
        )
        .kopecks();
        let total = goods + delivery;
        let (promo_off, promo_id) = match &promo {
            None => (0, None),
            Some(code) => match apply_promo(&mut tx, user, code, &taken, now).await? {
                Ok(applied) => applied,
                Err(e) => return Ok(Err(e)),
            },
        };
        // The first-order discount, on what the promo code left: only when the page
        // showed it, and gone if another order took it meanwhile.
        let first_order = match r.first_order {
            false => 0,
            true => match crate::account::first_order_discount_in(&mut tx, user).await? {
                Some(d) => d.off(Money::from_kopecks(goods - promo_off)).kopecks(),
                None => {
                    return Ok(Err(AppError::invalid(
                        Field::Discount,
                        Problem::AlreadyUsed,
                    )));
                }
            },
        };
        let discount = promo_off + first_order;
        // Points pay at most 25 % of the goods as discounted, never the delivery;
        // money the rest.
        if points > crate::wallet::points_cap(Money::from_kopecks(goods - discount)) {
            return Ok(Err(AppError::invalid(Field::Points, Problem::OutOfRange)));
        }
        let to_pay = total - discount - points.kopecks();
        let pickup_code = new_pickup_code(&mut tx, point).await?;
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
                    to_pay
                } else {
                    0
                },
                pickup_code: &pickup_code,
                payment_key: &payment_key,
                paid_points: points.kopecks(),
                discount,
                first_order_discount: first_order,
                promo_code: promo.as_deref(),
                courier,
                now,
            },
        )
        .await?;
        if r.first_order
            && !crate::account::use_first_order_discount_in(&mut tx, user, id, now).await?
        {
            return Ok(Err(AppError::invalid(
                Field::Discount,
                Problem::AlreadyUsed,
            )));
        }
        if let Some(pid) = promo_id {
            repo::insert_promo_use(&mut tx, pid, user, id, promo_off, now).await?;
        }
        if let Some(pa) = points_accounts
            && let Err(e) = crate::wallet::spend_points_in(&mut tx, now, pa, id, points).await?
        {
            return Ok(Err(e));
        }
        if let Some(accounts) = accounts {
            let paid = crate::wallet::pay_order_in(
                &mut tx,
                now,
                accounts,
                id,
                Money::from_kopecks(to_pay),
            )
            .await?;
            if let Err(e) = paid {
                return Ok(Err(e));
            }
            repo::set_paid_wallet(&mut tx, id, to_pay).await?;
        }
        // One posting per seller (Rynok's own warehouse for now), each starting
        // its timeline: paid or paid on receipt, it waits for packaging; by card,
        // for the payment.
        let first = match pay {
            PayMethod::Card => PostingStatus::AwaitingPayment,
            _ => PostingStatus::AwaitingPackaging,
        }
        .as_str();
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
        placed_notice(
            &mut tx,
            now,
            user,
            id,
            Money::from_kopecks(total - discount),
            pay,
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(id))
    })
    .await?;
    let id = outcome?;
    if pay == PayMethod::Card {
        // The provider is asked after the order stands: an order whose payment
        // could not be created waits, and the job or the order's page asks again
        // with the same key.
        super::card::start(deps, id).await?;
    }
    view(deps.db, user, id).await
}
