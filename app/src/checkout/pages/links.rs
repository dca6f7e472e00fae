//! The checkout page's own links: the same page with another delivery, point or
//! first-order choice, kept across its plain GET forms.

use crate::checkout::model::CheckoutView;
use crate::orders::DeliveryKind;
use leptos::prelude::*;

/// The first-order discount kept for later stays kept across the page's GET forms.
pub(super) fn later_field() -> impl IntoView {
    view! { <input type="hidden" name="first_order" value="later"/> }
}

/// This checkout page with `point` chosen and the first-order discount kept for
/// later or not, the rest as it is.
pub(super) fn checkout_href(v: &CheckoutView, point: Option<i64>, later: bool) -> String {
    checkout_href_for(v, v.delivery_kind, point, later)
}

/// This checkout page receiving by `kind`, with `point` chosen (to a pickup point)
/// and the first-order discount kept for later or not, the rest as it is.
pub(super) fn checkout_href_for(
    v: &CheckoutView,
    kind: DeliveryKind,
    point: Option<i64>,
    later: bool,
) -> String {
    use crate::shared::url::percent_encode;
    let mut href = format!(
        "/checkout?city={}&near={}&promo={}",
        percent_encode(&v.city),
        percent_encode(&v.query),
        percent_encode(v.promo.as_deref().unwrap_or_default())
    );
    if kind == DeliveryKind::Courier {
        href.push_str("&delivery=courier");
    } else if let Some(p) = point {
        href.push_str(&format!("&point={p}"));
    }
    if later {
        href.push_str("&first_order=later");
    }
    href
}
