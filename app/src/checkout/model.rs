//! What the checkout page shows, and the rules that need no storage.

use crate::orders::{DeliveryKind, Line, PickupPoint};
use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// At most this many points are listed at once; a search narrows them.
pub const POINTS_SHOWN: usize = 30;

/// A selected cart line as checkout shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutLine {
    pub product: i64,
    pub title: String,
    pub url: String,
    pub price: Money,
    pub quantity: i64,
    pub stock: i64,
    /// The price the shopper saw before, when it changed since.
    pub was: Option<Money>,
}

impl CheckoutLine {
    /// More is asked for than is in stock.
    pub fn short(&self) -> bool {
        self.quantity > self.stock
    }
}

/// A pickup point with the day an order would arrive there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointOffer {
    pub point: PickupPoint,
    /// "dd.mm.yyyy".
    pub delivery_date: String,
}

/// Everything the checkout page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutView {
    /// The key this checkout's placement carries: a retry gives the same order.
    pub key: String,
    pub lines: Vec<CheckoutLine>,
    pub units: i64,
    pub goods: Money,
    pub delivery: Money,
    /// The promo code applied and what it takes off, or why it does not apply.
    pub promo: Option<String>,
    pub discount: Money,
    pub promo_error: Option<crate::shared::error::AppError>,
    /// The first-order discount the account holds, and what it takes off this
    /// order (zero when the shopper keeps it for another).
    pub first_order: Option<crate::account::FirstOrderDiscount>,
    pub first_order_off: Money,
    /// The shopper keeps the first-order discount for another order.
    pub first_order_later: bool,
    /// Goods less the discounts, plus delivery: what money and points pay.
    pub total: Money,
    pub free_from: Money,
    pub recipient_name: String,
    pub recipient_phone: String,
    /// What Rynok Account can pay now.
    pub wallet: Money,
    /// The bonus points checkout offers to spend: as many as the shopper has, at
    /// most 25 % of the goods, whole points (zero: none to offer).
    pub bonus: Money,
    pub cities: Vec<String>,
    pub city: String,
    pub query: String,
    /// The points of the city that match the query (at most `POINTS_SHOWN`).
    pub points: Vec<PointOffer>,
    /// How many matched in all.
    pub matched: usize,
    /// Every point that matched, for the map.
    pub map: Vec<PointOffer>,
    /// The point chosen (from the map or an earlier visit), listed first.
    pub chosen: Option<i64>,
    /// To a pickup point or by courier: the points above, or the courier's days.
    pub delivery_kind: DeliveryKind,
    /// By courier: the days offered in `city`, (YYYY-MM-DD, dd.mm.yyyy).
    pub courier_days: Vec<(String, String)>,
    /// By courier: the address of the shopper's last courier order, to start from.
    pub address: String,
}

impl CheckoutView {
    /// Some price changed since the shopper saw it: they accept it first.
    pub fn prices_changed(&self) -> bool {
        self.lines.iter().any(|l| l.was.is_some())
    }

    /// Some line asks for more than is in stock: the cart is changed first.
    pub fn stock_short(&self) -> bool {
        self.lines.iter().any(CheckoutLine::short)
    }

    /// Whether the order can be placed as shown (by courier, where one comes).
    pub fn ready(&self) -> bool {
        let reachable = self.delivery_kind == DeliveryKind::Pickup || !self.courier_days.is_empty();
        !self.lines.is_empty() && !self.prices_changed() && !self.stock_short() && reachable
    }

    /// The lines as the placing form posts them, at the prices shown.
    pub fn lines_field(&self) -> String {
        let lines: Vec<Line> = self
            .lines
            .iter()
            .map(|l| Line {
                product: l.product,
                quantity: l.quantity,
                seen_price: l.price,
            })
            .collect();
        Line::canonical(&lines)
    }
}

/// The city checkout opens on: the one asked for if it has points, else Moscow,
/// else the first.
pub fn pick_city(cities: &[String], asked: &str) -> String {
    let asked = asked.trim();
    cities
        .iter()
        .find(|c| c.as_str() == asked)
        .or_else(|| cities.iter().find(|c| c.as_str() == "Москва"))
        .or_else(|| cities.first())
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(product: i64, price: i64, quantity: i64, stock: i64, was: Option<i64>) -> CheckoutLine {
        CheckoutLine {
            product,
            title: "x".into(),
            url: "/".into(),
            price: Money::from_kopecks(price),
            quantity,
            stock,
            was: was.map(Money::from_kopecks),
        }
    }

    fn view(lines: Vec<CheckoutLine>) -> CheckoutView {
        CheckoutView {
            key: "k".into(),
            lines,
            units: 0,
            goods: Money::ZERO,
            delivery: Money::ZERO,
            promo: None,
            discount: Money::ZERO,
            promo_error: None,
            first_order: None,
            first_order_off: Money::ZERO,
            first_order_later: false,
            total: Money::ZERO,
            free_from: Money::ZERO,
            recipient_name: String::new(),
            recipient_phone: String::new(),
            wallet: Money::ZERO,
            bonus: Money::ZERO,
            cities: Vec::new(),
            city: String::new(),
            query: String::new(),
            points: Vec::new(),
            matched: 0,
            map: Vec::new(),
            chosen: None,
            delivery_kind: DeliveryKind::Pickup,
            courier_days: Vec::new(),
            address: String::new(),
        }
    }

    #[test]
    fn a_changed_price_or_short_stock_holds_the_order_back() {
        let ok = view(vec![line(7, 5000, 2, 3, None), line(3, 100, 1, 1, None)]);
        assert!(ok.ready());
        assert_eq!(ok.lines_field(), "7:2:5000,3:1:100");
        assert!(!view(vec![line(7, 5000, 2, 3, Some(4500))]).ready());
        assert!(!view(vec![line(7, 5000, 4, 3, None)]).ready());
        assert!(!view(Vec::new()).ready());
        let mut courier = view(vec![line(7, 5000, 2, 3, None)]);
        courier.delivery_kind = DeliveryKind::Courier;
        assert!(!courier.ready(), "no days: no courier there");
        courier.courier_days = vec![("2026-12-09".into(), "09.12.2026".into())];
        assert!(courier.ready());
    }

    #[test]
    fn the_city_asked_for_else_moscow_else_the_first() {
        let cities = vec!["Казань".to_string(), "Москва".to_string()];
        assert_eq!(pick_city(&cities, "Казань"), "Казань");
        assert_eq!(pick_city(&cities, "Тверь"), "Москва");
        assert_eq!(pick_city(&cities[..1], ""), "Казань");
        assert_eq!(pick_city(&[], "x"), "");
    }
}
