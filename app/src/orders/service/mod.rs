//! Orders' use cases: placing (`place`), reading back (`read`), cancelling
//! (`cancel`), and the pickup points checkout offers (`points`).

mod cancel;
mod card;
mod logistics;
mod pickup;
mod place;
mod place_steps;
mod points;
mod read;
mod release;
mod seller;
mod tell;

pub use cancel::cancel;
pub use card::{
    PAYMENT_HOLD_MS, on_notification as on_payment_notification, reconcile as reconcile_payments,
    send_refunds, start as start_payment, sync as sync_payment,
};
pub use logistics::{EXTENSION_DAYS, extend_storage, run as run_logistics};
pub use pickup::{find as find_for_pickup, hand_over, refuse};
pub use place::{CourierRequest, PlaceRequest, place};
pub use points::{cities, courier_offer, delivery_rule, pickup_point, points_in, preview_promo};
pub use read::{
    PAGE, bought_from, deletion_blockers, latest_order_with, list, placed_by, point_text,
    purchases, view,
};
pub use seller::{
    cancel as seller_cancel, contact as seller_contact, desk as seller_desk, pack as seller_pack,
    set_price as seller_set_price, set_stock as seller_set_stock, ship as seller_ship,
};
