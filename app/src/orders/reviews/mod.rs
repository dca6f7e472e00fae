//! Writing a review of a line the shopper received: the order page lists the
//! received lines not reviewed yet, each with its form (`/orders/:id/review/:item`:
//! 1 to 5 stars, text, up to three photos). The check that the line was received
//! is made in the transaction that writes the review; catalog keeps the review
//! and the product's rating (`catalog::reviews`).

pub mod api;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
