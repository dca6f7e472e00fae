//! Back-in-stock alerts: a signed-in shopper asks, on the page of a product out of
//! stock, to be told when it comes back ("Сообщить о поступлении"). When the
//! product's stock goes from none to some (a seller's staff set it), every asker
//! gets one notice in the inbox, emailed too, and their alert is done. The form is
//! a plain HTML form, so the storefront's first WASM load does not grow.
//!
//! Price-drop alerts ("Следить за ценой") work the same way: a shopper follows a
//! product's price from the one they see; whenever its seller lowers it below the
//! price they last knew, they get a notice, emailed too. They follow until they
//! stop, at most `MAX_ALERTS` products.

pub mod api;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;

/// Open alerts one account may hold.
pub const MAX_ALERTS: i64 = 100;
