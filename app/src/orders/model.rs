//! Orders' types and pure rules: what a placement asks for, the delivery price,
//! the statuses of a posting (Ozon's names), and what the shopper sees.

use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// At most this many different products in one order.
pub const MAX_LINES: usize = 50;
/// At most this many pieces of one product in one order: as many as a cart line
/// may hold (`cart::model::MAX_QUANTITY`).
pub const MAX_QUANTITY: i64 = 999;

/// One line the shopper confirmed at checkout: the product, how many, and the
/// price they saw. Nothing is bought at a price the shopper did not see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub product: i64,
    pub quantity: i64,
    pub seen_price: Money,
}

impl Line {
    /// Lines as the checkout form posts them: "product:quantity:price_kopecks"
    /// joined by commas. Sorted by product (the order stock rows are locked in),
    /// each product once.
    pub fn parse_list(raw: &str) -> AppResult<Vec<Line>> {
        let bad = || AppError::invalid(Field::Product, Problem::Malformed);
        let mut lines = Vec::new();
        for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let mut it = part.split(':');
            let (Some(p), Some(q), Some(k), None) = (it.next(), it.next(), it.next(), it.next())
            else {
                return Err(bad());
            };
            let product: i64 = p.parse().map_err(|_| bad())?;
            let quantity: i64 = q
                .parse()
                .map_err(|_| AppError::invalid(Field::Quantity, Problem::NotAWholeNumber))?;
            let kopecks: i64 = k.parse().map_err(|_| bad())?;
            if product <= 0 || kopecks <= 0 {
                return Err(bad());
            }
            if !(1..=MAX_QUANTITY).contains(&quantity) {
                return Err(AppError::invalid(Field::Quantity, Problem::OutOfRange));
            }
            lines.push(Line {
                product,
                quantity,
                seen_price: Money::from_kopecks(kopecks),
            });
        }
        if lines.is_empty() {
            return Err(AppError::invalid(Field::Selected, Problem::Empty));
        }
        if lines.len() > MAX_LINES {
            return Err(AppError::invalid(Field::Selected, Problem::TooLong));
        }
        lines.sort_by_key(|l| l.product);
        if lines.windows(2).any(|w| w[0].product == w[1].product) {
            return Err(bad());
        }
        Ok(lines)
    }

    /// The canonical text of a list, for comparing a repeated request with the first.
    pub fn canonical(lines: &[Line]) -> String {
        lines
            .iter()
            .map(|l| format!("{}:{}:{}", l.product, l.quantity, l.seen_price.kopecks()))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// How the shopper pays: from Rynok Account now, or on receipt at the pickup point.
/// (Card, points and their combinations come with the checkout page.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayMethod {
    Wallet,
    OnReceipt,
}

impl PayMethod {
    pub fn parse(s: &str) -> AppResult<PayMethod> {
        match s.trim() {
            "wallet" => Ok(PayMethod::Wallet),
            "on_receipt" => Ok(PayMethod::OnReceipt),
            _ => Err(AppError::invalid(Field::Request, Problem::Unknown)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PayMethod::Wallet => "wallet",
            PayMethod::OnReceipt => "on_receipt",
        }
    }
}

/// Delivery costs `price` unless the goods reach `free_from`.
pub fn delivery_price(goods: Money, price: Money, free_from: Money) -> Money {
    if goods.kopecks() >= free_from.kopecks() {
        Money::ZERO
    } else {
        price
    }
}

/// A posting's status, by Ozon's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostingStatus {
    AwaitingPayment,
    AwaitingPackaging,
    AwaitingShipment,
    InTransit,
    AtPickupPoint,
    Received,
    NotCollected,
    Cancelled,
}

impl PostingStatus {
    pub const ALL: [PostingStatus; 8] = [
        PostingStatus::AwaitingPayment,
        PostingStatus::AwaitingPackaging,
        PostingStatus::AwaitingShipment,
        PostingStatus::InTransit,
        PostingStatus::AtPickupPoint,
        PostingStatus::Received,
        PostingStatus::NotCollected,
        PostingStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PostingStatus::AwaitingPayment => "awaiting_payment",
            PostingStatus::AwaitingPackaging => "awaiting_packaging",
            PostingStatus::AwaitingShipment => "awaiting_shipment",
            PostingStatus::InTransit => "in_transit",
            PostingStatus::AtPickupPoint => "at_pickup_point",
            PostingStatus::Received => "received",
            PostingStatus::NotCollected => "not_collected",
            PostingStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<PostingStatus> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether the shopper may still cancel it: nothing is packed yet.
    pub fn cancellable(self) -> bool {
        matches!(
            self,
            PostingStatus::AwaitingPayment | PostingStatus::AwaitingPackaging
        )
    }

    /// Whether it has come to an end (received, returned to Rynok, cancelled).
    pub fn finished(self) -> bool {
        matches!(
            self,
            PostingStatus::Received | PostingStatus::NotCollected | PostingStatus::Cancelled
        )
    }
}

/// Which of a shopper's orders the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderFilter {
    #[default]
    All,
    /// Not finished yet: on its way or waiting at the pickup point.
    Active,
    /// Received (at least in part).
    Received,
    /// Cancelled or not collected.
    Cancelled,
}

impl OrderFilter {
    pub const ALL: [OrderFilter; 4] = [
        OrderFilter::All,
        OrderFilter::Active,
        OrderFilter::Received,
        OrderFilter::Cancelled,
    ];

    /// The query string's value; anything else is the whole list.
    pub fn parse(s: &str) -> OrderFilter {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .unwrap_or_default()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OrderFilter::All => "all",
            OrderFilter::Active => "active",
            OrderFilter::Received => "received",
            OrderFilter::Cancelled => "cancelled",
        }
    }

    /// Whether an order whose postings are in `statuses` belongs in this list.
    pub fn admits(self, statuses: &[PostingStatus]) -> bool {
        match self {
            OrderFilter::All => true,
            OrderFilter::Active => statuses.iter().any(|s| !s.finished()),
            OrderFilter::Received => statuses.contains(&PostingStatus::Received),
            OrderFilter::Cancelled => statuses
                .iter()
                .all(|s| matches!(s, PostingStatus::Cancelled | PostingStatus::NotCollected)),
        }
    }
}

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
    pub pickup_point: String,
    pub recipient: String,
    pub goods: Money,
    pub delivery: Money,
    pub total: Money,
    pub pay: PayMethod,
    pub paid: Money,
    pub due_on_receipt: Money,
    /// Given back so far (cancellations, returns).
    pub refunded: Money,
    /// What the shopper tells the pickup point.
    pub pickup_code: String,
    pub created_at: i64,
    pub postings: Vec<PostingView>,
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

/// The recipient's name as the pickup point checks it against a passport: letters
/// (Cyrillic or Latin), spaces, hyphens and apostrophes, 2 to 100 characters.
pub fn recipient_name(raw: &str) -> AppResult<String> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(AppError::invalid(Field::FullName, Problem::Empty));
    }
    if !name
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\''))
    {
        return Err(AppError::invalid(Field::FullName, Problem::Letters));
    }
    if !(2..=100).contains(&name.chars().count()) {
        return Err(AppError::invalid(Field::FullName, Problem::Length));
    }
    Ok(name)
}

/// The order's number as the shopper quotes it: its id, eight digits.
pub fn order_number(id: i64) -> String {
    format!("{id:08}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_sorted_once_each_with_a_reason_for_each_bad_one() {
        let l = Line::parse_list("7:2:129900, 3:1:5000").unwrap();
        assert_eq!(l.iter().map(|l| l.product).collect::<Vec<_>>(), [3, 7]);
        assert_eq!(Line::canonical(&l), "3:1:5000,7:2:129900");
        let problem = |raw: &str| match Line::parse_list(raw) {
            Err(AppError::Invalid { field, message }) => (field, message),
            other => panic!("{raw}: {other:?}"),
        };
        assert_eq!(problem(""), (Field::Selected, Problem::Empty));
        assert_eq!(problem("3:0:5000"), (Field::Quantity, Problem::OutOfRange));
        assert_eq!(
            problem("3:1000:5000"),
            (Field::Quantity, Problem::OutOfRange)
        );
        assert_eq!(
            problem("3:x:5000"),
            (Field::Quantity, Problem::NotAWholeNumber)
        );
        assert_eq!(
            problem("3:1:5000,3:2:5000"),
            (Field::Product, Problem::Malformed)
        );
        assert_eq!(problem("3:1"), (Field::Product, Problem::Malformed));
        assert_eq!(problem("-3:1:5000"), (Field::Product, Problem::Malformed));
        assert_eq!(problem("3:1:0"), (Field::Product, Problem::Malformed));
        let many = (1..=51)
            .map(|i| format!("{i}:1:100"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(problem(&many), (Field::Selected, Problem::TooLong));
    }

    #[test]
    fn recipient_names_are_letters() {
        assert_eq!(
            recipient_name("  Иванова   Мария ").unwrap(),
            "Иванова Мария"
        );
        assert_eq!(
            recipient_name("Anne-Marie O'Neil").unwrap(),
            "Anne-Marie O'Neil"
        );
        for (raw, p) in [
            ("", Problem::Empty),
            ("Иван2", Problem::Letters),
            ("<b>", Problem::Letters),
            ("Я", Problem::Length),
        ] {
            assert_eq!(
                recipient_name(raw),
                Err(AppError::invalid(Field::FullName, p)),
                "{raw}"
            );
        }
    }

    #[test]
    fn delivery_is_free_from_the_threshold() {
        let (p, free) = (Money::from_kopecks(9_900), Money::from_kopecks(100_000));
        assert_eq!(delivery_price(Money::from_kopecks(99_999), p, free), p);
        assert_eq!(
            delivery_price(Money::from_kopecks(100_000), p, free),
            Money::ZERO
        );
    }

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

    #[test]
    fn filters_sort_orders_by_their_postings() {
        use PostingStatus::*;
        assert_eq!(OrderFilter::parse("active"), OrderFilter::Active);
        assert_eq!(OrderFilter::parse("<x>"), OrderFilter::All);
        assert!(OrderFilter::Active.admits(&[Received, InTransit]));
        assert!(!OrderFilter::Active.admits(&[Received, Cancelled]));
        assert!(OrderFilter::Received.admits(&[Received, Cancelled]));
        assert!(OrderFilter::Cancelled.admits(&[Cancelled, NotCollected]));
        assert!(!OrderFilter::Cancelled.admits(&[Cancelled, Received]));
    }
}
