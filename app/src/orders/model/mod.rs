//! Orders' types and pure rules: what a placement asks for (`place`), the statuses
//! of a posting by Ozon's names (`status`), what the shopper sees (`view`), and
//! what a pickup point's operator sees (`handover`), and what a seller's staff
//! see of the postings they ship (`seller`).

mod barcode;
mod courier;
mod handover;
mod place;
mod promo;
mod seller;
mod status;
mod view;

pub use barcode::code128c;
pub use courier::*;
pub use handover::*;
pub use place::*;
pub use promo::*;
pub use seller::*;
pub use status::*;
pub use view::*;
