//! Topping up Rynok Account by bank card through the payment provider: the payment
//! is created with an idempotence key, confirmed on the provider's page (3-D
//! Secure), and credited once when the provider's API says it succeeded.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
