//! Rynok ID: who a shopper is and how they prove it.

pub mod model;
