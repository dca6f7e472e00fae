//! Applying for the Rynok Card: the form parsed and its secrets sealed, confirmed
//! by a code to the phone, then decided by the partner bank (its sandbox in dev and
//! tests) and issued.

mod apply;
mod bank;
mod read;
mod steps;

pub use apply::{CardForm, code_word_matches, confirm, start};
pub use bank::{close, review};
pub use read::{has_open, view};
