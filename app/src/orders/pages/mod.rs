//! The shopper's order pages: the list (`list`) and one order (`order`), and the pickup point's screen (`pickup`).

mod list;
mod order;
mod pickup;
mod purchases;

pub use list::OrdersPage;
pub use order::OrderPage;
pub use pickup::PickupPage;
pub use purchases::PurchasesPage;
