//! Chat ("Сообщения"): a shopper's dialogs with sellers, one per seller, pinned to
//! the product or order they are about; a seller's staff answer them ("Покупатели").
//! Messages are text (links shown as text); a seller's message shaped like a code,
//! a card or a phone number is held back. Read marks, unread counts per dialog and
//! in all, and a poll that answers only what changed since the browser's cursor
//! (`platform::changes`). Support requests and the Security tab are to come.

pub mod api;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;

// The public face: what the shell, other domains and the server use.
pub use api::{StartChat, poll_badge};
pub use model::poll_ms;
pub use routes::{DialogRoute, MessagesRoute};
#[cfg(feature = "ssr")]
pub use service::{badge, on_account_erased};
