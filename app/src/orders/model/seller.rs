//! What a seller's staff see of postings the seller ships itself: what to pack,
//! what to hand to delivery and by when, and the seller's products with their
//! stock. Never the shopper: not their name, phone or address.

use super::status::PostingStatus;
use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// How long a seller has to ship a posting once it is paid (or placed to pay on
/// receipt): after that the logistics job cancels it and the money goes back.
pub const SHIP_WINDOW_MS: i64 = 2 * 86_400_000;
/// How many postings each part of the seller's page shows.
pub const DESK_PAGE: i64 = 50;

/// One line of a posting, as the seller packs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackLine {
    pub product: i64,
    pub title: String,
    pub quantity: i64,
}

/// A posting as the seller's staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerPosting {
    pub id: i64,
    /// The order's number, as on the label.
    pub number: String,
    pub status: PostingStatus,
    /// Since when (Unix ms) it is in its status.
    pub since: i64,
    /// By when (Unix ms) it must be handed to delivery; `None` once it is.
    pub ship_by: Option<i64>,
    /// Until when (Unix ms) the seller may write to the shopper first about it.
    pub write_until: Option<i64>,
    pub lines: Vec<PackLine>,
}

/// One of the seller's products, with what is in stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerProduct {
    pub id: i64,
    pub title: String,
    pub price: Money,
    pub stock: i64,
}

/// The seller's page: postings to pack, to ship, recently shipped, and products.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerDesk {
    pub seller: i64,
    pub name: String,
    /// Whether the seller ships itself (otherwise Rynok's warehouse does, and
    /// the lists stay empty).
    pub ships_itself: bool,
    pub to_pack: Vec<SellerPosting>,
    pub to_ship: Vec<SellerPosting>,
    pub shipped: Vec<SellerPosting>,
    pub products: Vec<SellerProduct>,
}

/// A seller may write to a shopper first only about their order, within 72 hours
/// of its payment or its delivery (Ozon's rule for seller-shipped orders).
pub const WRITE_FIRST_MS: i64 = 72 * 3_600_000;

/// Until when a seller may write first about a posting paid or received at
/// `contact_at`, if that is still ahead of `now`.
pub fn write_until(contact_at: Option<i64>, now: i64) -> Option<i64> {
    contact_at
        .map(|t| t + WRITE_FIRST_MS)
        .filter(|until| *until > now)
}

/// By when a posting whose time began at `ready_at` must be shipped.
pub fn ship_by(ready_at: i64) -> i64 {
    ready_at + SHIP_WINDOW_MS
}
