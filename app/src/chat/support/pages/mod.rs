//! Support's pages. The shopper's (`shopper`): "Поддержка" among the message tabs
//! and a request with its messages, a reply form, closing and rating. The agents'
//! console (`desk`): the queue, and a request with the shopper's card, internal
//! notes and the status. `parts` holds what both draw. Without JavaScript the forms
//! post and come back.

mod desk;
mod parts;
mod shopper;

pub use desk::{DeskPage, DeskRequestPage};
pub use shopper::{RequestPage, SupportPage};
