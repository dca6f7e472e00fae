//! The Rynok Card application: a bank card issued with a partner bank. The form's
//! rules (INN and SNILS check digits, passport, dates), its secrets sealed, the code
//! to the phone, the bank's decision and the statuses.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
