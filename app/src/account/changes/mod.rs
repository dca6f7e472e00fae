//! Changing what identifies an account: adding an email, changing the phone (with
//! a proof of the current number, or the 14-day path when it is lost), proving
//! the account afresh before adding a way to sign in, deleting the profile, and
//! the recovery request when neither the number nor an email is at hand.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
