//! Returns online ("Возврат"): within its category's return period after receipt
//! (7 days unless the category says otherwise; some categories cannot be
//! returned), the shopper picks received lines, a reason, a comment and up to
//! three photos (checked by content and re-encoded without metadata), and where the
//! money goes. The return gets a number and a code. The shopper drops the lines
//! at any pickup point, whose operator finds the return by the code and accepts
//! it: the money goes back at once to the wallet (or towards the card, when chosen
//! for a card order), points paid come back, points earned on the lines are taken
//! back, and the stock returns.

#[cfg(feature = "ssr")]
pub mod accept;
pub mod api;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
