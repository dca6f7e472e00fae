//! Checkout: the cart's selected lines with what changed since they were put in
//! (prices asked again, stock short), the pickup point chosen from a list searched
//! by address or metro station, the recipient, how to pay, and the sums. Placing
//! the order itself is `orders::place_order`.

pub mod api;
pub mod model;
pub mod pages;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;

// The public face: what the shell and the server use.
pub use routes::CheckoutRoute;
