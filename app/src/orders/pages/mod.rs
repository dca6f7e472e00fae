//! The shopper's order pages: the list (`list`) and one order (`order`), the pickup point's screen (`pickup`), and the seller's (`seller`); `barcode` draws the codes a point scans.

pub mod barcode;
mod list;
mod order;
mod pickup;
mod purchases;
mod seller;

pub use list::OrdersPage;
pub use order::OrderPage;
pub use pickup::PickupPage;
pub use purchases::PurchasesPage;
pub use seller::SellerPage;
