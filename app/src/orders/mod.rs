//! Orders: placing one from the lines a shopper confirmed (stock taken in the same
//! transaction, never oversold; one order per checkout however often it is sent),
//! its postings per seller with Ozon's statuses and their timeline, and reading
//! them back. The checkout page, card payment, points, promo codes, the logistics
//! job, cancellations, returns and the pickup-point operator come in later steps.

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub use service::deletion_blockers;
