//! What the review form shows.

use serde::{Deserialize, Serialize};

/// A received line the shopper has not reviewed yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToReview {
    pub item: i64,
    pub product: i64,
    pub title: String,
}

/// The review form of one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewForm {
    pub order: i64,
    pub number: String,
    pub line: ToReview,
}
