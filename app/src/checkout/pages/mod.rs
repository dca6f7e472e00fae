//! Checkout's page (`page`), its pickup points as a list (`points`) and on a map
//! (`map`), and the promo code's form (`promo`).

mod map;
mod page;
mod points;
mod promo;

pub use page::CheckoutPage;
