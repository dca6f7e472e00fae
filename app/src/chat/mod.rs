//! Chat ("Сообщения"): a shopper's dialogs with sellers, one per seller, pinned to
//! the product or order they are about; a seller's staff answer them ("Покупатели").
//! Messages are text (links shown as text); a seller's message shaped like a code,
//! a card or a phone number is held back. Read marks, unread counts per dialog and
//! in all, and a poll that answers only what changed since the browser's cursor
//! (`platform::changes`). A seller writes first only about an order, within 72
//! hours; a shopper reports a message to support, and agents review the held
//! ones; an unread message is emailed after 15 minutes. Support requests are a
//! sub-domain (`support`); "Безопасность" shows the account's Security feed.

pub mod api;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
pub mod support;

// The public face: what the shell, other domains and the server use.
pub use api::{DecideHeld, StartChat, get_held, poll_badge};
pub use model::{MAX_TEXT, poll_ms};
pub use routes::{DialogRoute, MessagesRoute, SecurityFeedRoute};
#[cfg(feature = "ssr")]
pub use service::{badge, badge_of, email_unread, image as message_image, on_account_erased};
pub use support::model::Topic as SupportTopic;
pub use support::routes::{DeskRequestRoute, DeskRoute, RequestRoute, SupportRoute};
#[cfg(feature = "ssr")]
pub use support::service::open_in as open_support_request;
