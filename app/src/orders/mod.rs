//! Orders: placing one from the lines a shopper confirmed (stock taken in the same
//! transaction, never oversold; one order per checkout however often it is sent),
//! its postings per seller with Ozon's statuses and their timeline, the shopper's
//! list and order page, cancelling before packing with the money back, and the
//! pickup points and delivery rules checkout offers, card payment, points, promo
//! codes, the logistics job, the pickup-point operator, seller-shipped postings,
//! and returns (`returns`, a sub-domain of its own).

pub mod api;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod returns;
pub mod reviews;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;

// The public face: what checkout, the shell and the server use.
pub use api::PlaceOrder;
pub use i18n::{error_text as order_error_text, status_of};
pub use model::{
    DeliveryKind, Line, OrderFilter, PickupPoint, PostingStatus, SLOTS, Slot, delivery_price,
    order_number, parse_promo_code,
};
pub use returns::routes::ReturnRoute;
#[cfg(feature = "ssr")]
pub use returns::service::{
    deletion_blockers as returns_deletion_blockers, expire_due as expire_returns,
    on_account_erased as returns_on_account_erased, photo as return_photo,
};
pub use reviews::routes::WriteReviewRoute;
pub use routes::{OrderRoute, OrdersRoute, PickupRoute, PurchasesRoute, SellerRoute};
#[cfg(feature = "ssr")]
pub use service::{
    bought_from, cities, courier_offer, deletion_blockers, delivery_rule, latest_order_with,
    list as list_orders, pickup_point, placed_by, points_in, preview_promo, seller_contact,
};
