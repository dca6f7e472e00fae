//! The inbox ("Уведомления"): what Rynok tells a shopper inside the app, such as a
//! withdrawal paid, a top-up declined or a Rynok Card issued. A domain posts a
//! notice inside the transaction that makes the change, once per (topic, subject,
//! status); the shopper reads them on `/account/notices`, and the header counts the
//! unread ones. Notices about orders are emailed too, once, by the background
//! job after the change commits (`email_pending`). The chat (its own issue) will show them as a tab of its own.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;

// The public face: what other domains, the shell and the server use.
pub use model::NewNotice;
pub use routes::NoticesRoute;
#[cfg(feature = "ssr")]
pub use service::{email_pending, on_account_erased, post, unread};
