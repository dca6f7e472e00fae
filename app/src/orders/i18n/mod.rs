//! The strings of checkout and the order pages, Russian first. `Lang::orders()`
//! picks one.

use crate::i18n::{Lang, fill};
use crate::orders::model::PostingStatus;
use crate::shared::error::{AppError, Field, Problem};

mod dict;
mod en;
mod ru;

pub use dict::OrdersDict;

impl Lang {
    pub fn orders(self) -> &'static OrdersDict {
        match self {
            Lang::Ru => &ru::RU,
            Lang::En => &en::EN,
        }
    }
}

pub fn status_text(lang: Lang, s: PostingStatus) -> &'static str {
    let d = lang.orders();
    match s {
        PostingStatus::AwaitingPayment => d.st_awaiting_payment,
        PostingStatus::AwaitingPackaging => d.st_awaiting_packaging,
        PostingStatus::AwaitingShipment => d.st_awaiting_shipment,
        PostingStatus::InTransit => d.st_in_transit,
        PostingStatus::AtPickupPoint => d.st_at_pickup_point,
        PostingStatus::Received => d.st_received,
        PostingStatus::NotCollected => d.st_not_collected,
        PostingStatus::Cancelled => d.st_cancelled,
    }
}

/// A posting's status as the shopper reads it: by courier, its last mile is
/// "with the courier" rather than "at the pickup point".
pub fn status_of(lang: Lang, s: PostingStatus, courier: bool) -> &'static str {
    match (s, courier) {
        (PostingStatus::AtPickupPoint, true) => lang.orders().st_with_courier,
        _ => status_text(lang, s),
    }
}

/// The message for a refused checkout or order action, in the page's language;
/// what is not orders' own is worded as Rynok ID words it.
pub fn error_text(lang: Lang, e: &AppError) -> String {
    let d = lang.orders();
    let text = match e {
        AppError::InsufficientStock { available } => {
            return fill(d.err_stock, &[&available.to_string()]);
        }
        AppError::Invalid { field, message } => match (field, message) {
            (Field::PickupPoint, _) => d.err_point,
            (Field::Address, Problem::Digits) => d.err_address_house,
            (Field::Address, _) => d.err_address,
            (Field::DeliveryDate, _) => d.err_delivery_day,
            (Field::Slot, _) => d.err_slot,
            (Field::Delivery, _) => d.err_delivery,
            (Field::Points, Problem::MoreThanBalance) => d.err_points_balance,
            (Field::Points, _) => d.err_points_cap,
            (Field::Promo, Problem::Unknown) => d.err_promo_unknown,
            (Field::Promo, Problem::Expired) => d.err_promo_expired,
            (Field::Promo, Problem::Refused) => d.err_promo_used_up,
            (Field::Promo, Problem::AlreadyUsed) => d.err_promo_yours,
            (Field::Promo, Problem::Rejected) => d.err_promo_not_here,
            (Field::Promo, Problem::BelowMinimum) => d.err_promo_minimum,
            (Field::Promo, _) => d.err_promo_format,
            (Field::Discount, _) => d.err_first_order_gone,
            (Field::Product, Problem::PriceChanged) => d.err_price_changed,
            (Field::Product | Field::Selected | Field::Quantity, _) => d.err_products,
            (Field::Amount, Problem::MoreThanBalance) => d.err_wallet,
            (Field::Amount, Problem::OutOfRange | Problem::Malformed) => d.err_price,
            (Field::FullName, Problem::Empty) => d.err_name_empty,
            (Field::FullName, Problem::Letters) => d.err_name_letters,
            (Field::FullName, _) => d.err_name_length,
            (Field::Request, Problem::Refused) => d.err_cancel_refused,
            (Field::Request, Problem::Once) => d.err_extended_once,
            (Field::Request, Problem::Required) => d.err_paid_required,
            (Field::Request, Problem::Pending) => d.err_payment_unavailable,
            (Field::Code, _) => d.err_code,
            (Field::Request, Problem::Cancelled) => d.err_already_cancelled,
            (Field::Request, Problem::AlreadyUsed) => d.err_key_reused,
            _ => return crate::account::account_error_text(lang, e),
        },
        _ => return crate::account::account_error_text(lang, e),
    };
    text.to_string()
}

/// The message for a refused action on the pickup point's screen.
/// The message for a refused action on the seller's page.
pub fn seller_error_text(lang: Lang, e: &AppError) -> String {
    let d = lang.orders();
    match e {
        AppError::NotFound => d.seller_not_found.to_string(),
        AppError::Forbidden => d.seller_staff_only.to_string(),
        AppError::Invalid {
            field: Field::Request,
            message: Problem::Refused,
        } => d.seller_refused.to_string(),
        _ => error_text(lang, e),
    }
}

pub fn pickup_error_text(lang: Lang, e: &AppError) -> String {
    let d = lang.orders();
    match e {
        AppError::NotFound => d.nothing_waiting.to_string(),
        AppError::Forbidden => d.staff_only.to_string(),
        _ => error_text(lang, e),
    }
}
