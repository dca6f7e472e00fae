//! What the review form shows.

use serde::{Deserialize, Serialize};

/// A received line: to review, or reviewed already (its review can be changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToReview {
    pub item: i64,
    pub product: i64,
    pub title: String,
    pub reviewed: bool,
}

/// The review form of one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewForm {
    pub order: i64,
    pub number: String,
    pub line: ToReview,
    /// The shopper's review of the line, when they wrote one: the form changes it.
    pub existing: Option<crate::catalog::OwnReview>,
}
