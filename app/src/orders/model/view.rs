//! What the shopper sees: pickup points, orders with their postings and lines.

use super::place::PayMethod;
use super::status::PostingStatus;
use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// A pickup point as checkout offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickupPoint {
    pub id: i64,
    pub city: String,
    pub address: String,
    /// The nearest metro station, if any.
    pub metro: String,
    /// Coordinates in millionths of a degree.
    pub lat_e6: i64,
    pub lon_e6: i64,
    pub hours: String,
    /// How many days an order waits there.
    pub storage_days: i64,
    /// How many days delivery there takes.
    pub delivery_days: i64,
}

impl PickupPoint {
    /// Whether the point's address or metro station holds `query` (any case, ё as е).
    pub fn matches(&self, query: &str) -> bool {
        let norm = |s: &str| s.to_lowercase().replace('ё', "е");
        let q = norm(query.trim());
        q.is_empty() || norm(&self.address).contains(&q) || norm(&self.metro).contains(&q)
    }
}

/// A line of an order as the shopper sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemView {
    /// The line's id, for cancelling it.
    pub id: i64,
    pub product: i64,
    pub title: String,
    pub price: Money,
    pub quantity: i64,
    /// Cancelled before packing (its money went back).
    pub cancelled: bool,
}

/// One posting: one seller's part of an order, with its timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingView {
    pub id: i64,
    /// Whose goods these are (the order page's "Написать продавцу").
    pub seller: i64,
    /// "<order number>-<n>".
    pub number: String,
    pub status: PostingStatus,
    /// At the pickup point: kept until this moment.
    pub stored_until: Option<i64>,
    /// Storage was extended already (it can be, once).
    pub extended: bool,
    pub items: Vec<ItemView>,
    pub timeline: Vec<(PostingStatus, i64)>,
}

/// An order as the shopper sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderView {
    pub id: i64,
    pub number: String,
    /// "City, address" of the pickup point (for a courier order, the hub it leaves from).
    pub pickup_point: String,
    /// By courier: where and when it is brought.
    pub courier: Option<CourierView>,
    pub recipient: String,
    pub goods: Money,
    pub delivery: Money,
    pub total: Money,
    pub pay: PayMethod,
    pub paid: Money,
    pub due_on_receipt: Money,
    /// Given back so far (cancellations, returns), in money.
    pub refunded: Money,
    /// Taken off the goods in all: the promo code's and the first-order discount.
    pub discount: Money,
    pub promo_code: Option<String>,
    /// The part of `discount` that is the first-order discount.
    pub first_order_discount: Money,
    /// Paid with bonus points.
    pub paid_points: Money,
    /// Points given back so far.
    pub refunded_points: Money,
    /// What the shopper tells the pickup point.
    pub pickup_code: String,
    /// Paid by card: the provider's page to pay on, while the payment is awaited.
    pub payment_url: Option<String>,
    pub created_at: i64,
    pub postings: Vec<PostingView>,
    /// Its payments and refunds (on the order's own page; empty in the list).
    pub receipts: Vec<crate::wallet::Receipt>,
}

/// Where and when a courier brings an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourierView {
    /// "City, address".
    pub address: String,
    /// "dd.mm.yyyy, 10:00–14:00".
    pub when: String,
}

/// A product the shopper received ("Купленные товары").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Purchase {
    pub product: i64,
    pub title: String,
    /// When it was last received.
    pub at: i64,
}

/// A page of the shopper's orders and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    pub orders: Vec<OrderView>,
    /// `?before=` of the next page, if there is one.
    pub next: Option<i64>,
}

impl OrderView {
    /// Whether some of it can still be cancelled.
    pub fn cancellable(&self) -> bool {
        self.postings
            .iter()
            .any(|p| p.status.cancellable() && p.items.iter().any(|i| !i.cancelled))
    }

    /// Whether all of it can be cancelled at once: nothing is packed yet.
    pub fn wholly_cancellable(&self) -> bool {
        self.cancellable()
            && self
                .postings
                .iter()
                .all(|p| p.status.cancellable() || p.status == PostingStatus::Cancelled)
    }

    /// The status the list shows for the whole order: its least advanced posting
    /// that is still under way, else the last one's.
    pub fn status(&self) -> PostingStatus {
        self.postings
            .iter()
            .map(|p| p.status)
            .find(|s| !s.finished())
            .or_else(|| self.postings.last().map(|p| p.status))
            .unwrap_or(PostingStatus::Cancelled)
    }
}

/// The pickup code as the page shows it: "123 456 78" style groups of three.
pub fn grouped_code(code: &str) -> String {
    code.as_bytes()
        .chunks(3)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The order's number as the shopper quotes it: its id, eight digits.
pub fn order_number(id: i64) -> String {
    format!("{id:08}")
}

#[cfg(test)]
mod tests {
    use crate::orders::model::*;

    #[test]
    fn statuses_round_trip() {
        for s in PostingStatus::ALL {
            assert_eq!(PostingStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(order_number(42), "00000042");
        assert!(PostingStatus::AwaitingPackaging.cancellable());
        assert!(!PostingStatus::InTransit.cancellable());
        assert!(PostingStatus::NotCollected.finished());
        assert_eq!(grouped_code("12345678"), "123 456 78");
    }

    #[test]
    fn points_match_by_address_or_metro_in_any_case() {
        let p = PickupPoint {
            id: 1,
            city: "Москва".into(),
            address: "ул. Тверская, 7".into(),
            metro: "Охотный Ряд".into(),
            lat_e6: 0,
            lon_e6: 0,
            hours: "10–22".into(),
            storage_days: 7,
            delivery_days: 2,
        };
        assert!(p.matches("тверская"));
        assert!(p.matches("  ОХОТНЫЙ "));
        assert!(p.matches(""));
        assert!(!p.matches("Арбат"));
        let e = PickupPoint {
            address: "ул. Семёновская, 1".into(),
            ..p
        };
        assert!(e.matches("семеновская"));
    }
}
