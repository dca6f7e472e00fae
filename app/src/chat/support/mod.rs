//! Support requests ("Поддержка"): a shopper's numbered request ("№ 26-000123")
//! on a topic, perhaps about an order, with its statuses (open, waiting for the
//! shopper, answered, closed) and a rating once closed; support's automatic
//! reply out of working hours (09:00–18:00 Moscow time, business days); and the
//! agents' console (the support role): the queue by waiting time, taking a
//! request, answering, internal notes, the status, the shopper's card.

pub mod api;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
