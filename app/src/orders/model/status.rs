//! A posting's statuses (Ozon's names) and the list's filters over them.

use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use crate::orders::model::*;

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
