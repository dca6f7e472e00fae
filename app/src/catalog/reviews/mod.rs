//! Reviews: a shopper who received a line of an order rates it from 1 to 5 stars,
//! with optional text and up to three photos, once per line (the form and the
//! check that it was received are orders', `orders::reviews`). The product's
//! rating is recomputed in the same transaction, exactly, as a sum of hundredths.
//! The product page lists the reviews newest, best or worst first, with how many
//! gave each rating, as markup made on the server (`render`). Photos are public.

pub mod api;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
