//! Checkout's use cases: what the page shows, and accepting changed prices.

use crate::checkout::model::{CheckoutLine, CheckoutView, POINTS_SHOWN, PointOffer, pick_city};
use crate::orders::DeliveryKind;
use crate::platform::security::random_token;
use crate::platform::state::Deps;
use crate::shared::error::AppResult;
use crate::shared::money::Money;
use crate::shared::time::{date_of, date_ru};

/// What the checkout page shows `user`: the selected lines of their cart, the
/// points of `city` matching `query`, `point` chosen if it exists; or by courier
/// (`kind`), the days a courier comes in `city`.
#[allow(clippy::too_many_arguments)]
pub async fn view(
    deps: &Deps<'_>,
    user: i64,
    kind: DeliveryKind,
    city: &str,
    query: &str,
    point: Option<i64>,
    promo: &str,
    apply_first_order: bool,
) -> AppResult<CheckoutView> {
    let db = deps.db;
    let lines: Vec<CheckoutLine> = crate::cart::lines_of(db, user)
        .await?
        .into_iter()
        .filter(|l| l.selected)
        .map(|l| CheckoutLine {
            was: l.price_change(),
            product: l.product.id,
            url: l.product.url(),
            title: l.product.title,
            price: l.product.price,
            quantity: l.quantity,
            stock: l.product.stock,
        })
        .collect();
    let units = lines.iter().map(|l| l.quantity).sum();
    let goods = lines.iter().fold(Money::ZERO, |sum, l| {
        Money::from_kopecks(sum.kopecks() + l.price.kopecks() * l.quantity)
    });
    // A promo code typed: what it takes off, or why not (the page says which).
    let (promo, discount, promo_error) = match crate::orders::parse_promo_code(promo) {
        Ok(None) => (None, Money::ZERO, None),
        Err(e) => (None, Money::ZERO, Some(e)),
        Ok(Some(code)) => {
            let goods_of: Vec<(i64, i64)> = lines
                .iter()
                .map(|l| (l.product, l.price.kopecks() * l.quantity))
                .collect();
            match crate::orders::preview_promo(db, user, &code, &goods_of, deps.now).await {
                Ok(off) => (Some(code), off, None),
                Err(e @ crate::shared::error::AppError::Invalid { .. }) => {
                    (None, Money::ZERO, Some(e))
                }
                Err(e) => return Err(e),
            }
        }
    };
    // The first-order discount, on what the promo code left, unless the shopper
    // keeps it for another order.
    let first_order = crate::account::first_order_discount(db, user).await?;
    let first_order_off = match (first_order, apply_first_order) {
        (Some(d), true) => d.off(Money::from_kopecks(goods.kopecks() - discount.kopecks())),
        _ => Money::ZERO,
    };
    let (price, free_from) = crate::orders::delivery_rule(db, kind).await?;
    let delivery = crate::orders::delivery_price(goods, price, free_from);
    let me = crate::account::me(db, user).await?;
    let (wallet, bonus) = crate::wallet::menu_balances(db, user).await?;
    let bonus = bonus.min(crate::wallet::points_cap(Money::from_kopecks(
        goods.kopecks() - discount.kopecks() - first_order_off.kopecks(),
    )));
    let bonus = Money::from_kopecks(bonus.kopecks() - bonus.kopecks() % 100);
    let cities = crate::orders::cities(db).await?;
    let chosen_point = match point {
        Some(id) => crate::orders::pickup_point(db, id).await?,
        None => None,
    };
    // A point chosen on the map opens its own city.
    let asked = chosen_point
        .as_ref()
        .map(|p| p.city.as_str())
        .unwrap_or(city);
    let city = pick_city(&cities, asked);
    // By courier: the days it comes, and no points to list.
    let (courier_days, address) = match kind {
        DeliveryKind::Courier => crate::orders::courier_offer(db, user, &city, deps.now).await?,
        DeliveryKind::Pickup => (Vec::new(), None),
    };
    let mut matched = match kind {
        DeliveryKind::Pickup => crate::orders::points_in(db, &city, query).await?,
        DeliveryKind::Courier => Vec::new(),
    };
    let count = matched.len();
    if let Some(p) = &chosen_point {
        matched.retain(|m| m.id != p.id);
        matched.insert(0, p.clone());
    }
    let offer = |p| {
        let p: crate::orders::PickupPoint = p;
        let at = deps.now + p.delivery_days * 86_400_000;
        PointOffer {
            delivery_date: date_ru(&date_of(at)),
            point: p,
        }
    };
    Ok(CheckoutView {
        key: random_token()[..32].to_string(),
        units,
        goods,
        delivery,
        total: Money::from_kopecks(
            goods.kopecks() - discount.kopecks() - first_order_off.kopecks() + delivery.kopecks(),
        ),
        promo,
        discount,
        first_order,
        first_order_off,
        first_order_later: first_order.is_some() && !apply_first_order,
        promo_error,
        free_from,
        recipient_name: me.as_ref().map(|m| m.name.clone()).unwrap_or_default(),
        recipient_phone: me.map(|m| m.phone).unwrap_or_default(),
        wallet,
        bonus,
        cities,
        city,
        query: query.trim().to_string(),
        map: matched.iter().cloned().map(&offer).collect(),
        points: matched.into_iter().take(POINTS_SHOWN).map(&offer).collect(),
        matched: count,
        chosen: chosen_point.map(|p| p.id),
        lines,
        delivery_kind: kind,
        courier_days: courier_days
            .into_iter()
            .map(|d| {
                let iso = date_of(d);
                (iso.clone(), date_ru(&iso))
            })
            .collect(),
        address: address.unwrap_or_default(),
    })
}

/// The shopper accepted the new prices checkout showed.
pub async fn accept_prices(deps: &Deps<'_>, user: i64) -> AppResult<()> {
    crate::cart::accept_prices(deps.db, user).await
}
