//! Every string of the checkout and order pages, one field each.

/// Every string of the checkout and order pages.
pub struct OrdersDict {
    pub orders_title: &'static str,
    pub filter_label: &'static str,
    pub filter_all: &'static str,
    pub filter_active: &'static str,
    pub filter_received: &'static str,
    pub filter_cancelled: &'static str,
    pub orders_empty: &'static str,
    pub to_shopping: &'static str,
    pub orders_older: &'static str,
    /// "Order No. {} of {}".
    pub order_from: &'static str,
    pub st_awaiting_payment: &'static str,
    pub st_awaiting_packaging: &'static str,
    pub st_awaiting_shipment: &'static str,
    pub st_in_transit: &'static str,
    pub st_at_pickup_point: &'static str,
    pub st_received: &'static str,
    pub st_not_collected: &'static str,
    pub st_cancelled: &'static str,
    pub pickup_code: &'static str,
    pub pickup_code_hint: &'static str,
    pub delivery_title: &'static str,
    pub pickup_point: &'static str,
    pub recipient: &'static str,
    pub payment_title: &'static str,
    pub pay_wallet: &'static str,
    pub pay_on_receipt: &'static str,
    /// "Goods ({} pcs)".
    pub goods: &'static str,
    pub delivery_price: &'static str,
    pub free: &'static str,
    pub total: &'static str,
    pub paid: &'static str,
    pub due_on_receipt: &'static str,
    pub refunded: &'static str,
    /// "Shipment {}".
    pub posting: &'static str,
    pub history: &'static str,
    /// "Kept until {}".
    pub stored_until: &'static str,
    pub extend_storage: &'static str,
    pub storage_extended: &'static str,
    pub err_extended_once: &'static str,
    pub err_not_at_point: &'static str,
    /// "{} pcs".
    pub pieces: &'static str,
    pub cancel_order: &'static str,
    /// "Cancel {}" (a line's title).
    pub cancel_item: &'static str,
    pub cancel_short: &'static str,
    pub item_cancelled: &'static str,
    pub cancel_hint: &'static str,
    pub cancel_done: &'static str,
    pub all_orders: &'static str,
    pub checkout_title: &'static str,
    pub choose_point: &'static str,
    pub city: &'static str,
    pub point_search: &'static str,
    pub find: &'static str,
    /// "Pickup points: {}".
    pub points_found: &'static str,
    /// "showing the first {}".
    pub points_shown: &'static str,
    pub no_points: &'static str,
    /// "Open {}".
    pub point_hours: &'static str,
    /// "Kept {} days".
    pub point_storage: &'static str,
    /// "Delivery on {}".
    pub point_delivery: &'static str,
    /// "metro {}".
    pub metro: &'static str,
    pub recipient_name: &'static str,
    pub recipient_phone: &'static str,
    pub recipient_hint: &'static str,
    /// "Rynok Account: {} available".
    pub pay_wallet_option: &'static str,
    pub pay_on_receipt_option: &'static str,
    pub your_order: &'static str,
    /// "Free delivery from {}".
    pub free_from: &'static str,
    pub place: &'static str,
    pub place_hint: &'static str,
    pub prices_changed: &'static str,
    /// "{title}: was {old}, now {new}".
    pub price_was: &'static str,
    pub accept_prices: &'static str,
    /// "{title}: {n} left".
    pub stock_short: &'static str,
    pub stock_short_hint: &'static str,
    pub go_to_cart: &'static str,
    pub nothing_to_order: &'static str,
    pub err_point: &'static str,
    pub err_price_changed: &'static str,
    /// "Not enough in stock: {} left".
    pub err_stock: &'static str,
    pub err_wallet: &'static str,
    pub err_name_empty: &'static str,
    pub err_name_letters: &'static str,
    pub err_name_length: &'static str,
    pub err_key_reused: &'static str,
    pub err_cancel_refused: &'static str,
    pub err_already_cancelled: &'static str,
    pub err_products: &'static str,
}
