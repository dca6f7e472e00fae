//! The shopper's order pages: the list (`list`) and one order (`order`).

mod list;
mod order;

pub use list::OrdersPage;
pub use order::OrderPage;
