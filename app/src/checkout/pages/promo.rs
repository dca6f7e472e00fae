//! The promo code's form and the first-order discount (now or on a later order).

use super::links::{checkout_href, later_field};
use crate::checkout::model::CheckoutView;
use crate::i18n::{Lang, fill};
use crate::orders::DeliveryKind;
use crate::orders::order_error_text;
use leptos::prelude::*;
use leptos_router::components::Form;

/// The GET form that applies a promo code: the page shows what it takes off (or why
/// it does not apply) before anything is placed.
pub(super) fn promo_form(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
    let d = lang.orders();
    let (city, near) = (v.city.clone(), v.query.clone());
    let point = v.chosen.map(|p| p.to_string()).unwrap_or_default();
    let typed = v.promo.clone().unwrap_or_default();
    let later = v.first_order_later;
    let courier = v.delivery_kind == DeliveryKind::Courier;
    let status = match (&v.promo, &v.promo_error) {
        (_, Some(e)) => view! { <p role="alert" class="form-error">{order_error_text(lang, e)}</p> }.into_any(),
        (Some(code), None) => view! {
            <p role="status" class="form-status" data-testid="promo-applied">{fill(d.promo_applied, &[code, &v.discount.to_string()])}</p>
        }
        .into_any(),
        (None, None) => ().into_any(),
    };
    view! {
        <section class="checkout-promo" aria-labelledby="promo-title">
            <h2 id="promo-title">{d.promo_title}</h2>
            <Form method="GET" action="/checkout" attr:class="promo-form">
                {courier.then(|| view! { <input type="hidden" name="delivery" value="courier"/> })}
                <input type="hidden" name="city" value=city/>
                <input type="hidden" name="near" value=near/>
                <input type="hidden" name="point" value=point/>
                {later.then(later_field)}
                <label for="promo-code" class="visually-hidden">{d.promo_label}</label>
                <input id="promo-code" name="promo" maxlength="32" autocomplete="off" value=typed/>
                <button type="submit" class="button-secondary">{d.promo_apply}</button>
            </Form>
            {status}
            {first_order(lang, v)}
        </section>
    }
}

/// The first-order discount: applied, with a link to keep it for another order;
/// or kept, with a link to apply it.
fn first_order(lang: Lang, v: &CheckoutView) -> Option<impl IntoView + use<>> {
    let d = lang.orders();
    let discount = v.first_order?;
    let view = if v.first_order_later {
        let text = fill(
            d.first_order_waiting,
            &[&discount.percent.to_string(), &discount.max.to_string()],
        );
        view! {
            <p class="form-status" data-testid="first-order">
                {text} " " <a href=checkout_href(v, v.chosen, false)>{d.first_order_apply}</a>
            </p>
        }
    } else {
        let text = fill(
            d.first_order_applied,
            &[
                &discount.percent.to_string(),
                &v.first_order_off.to_string(),
            ],
        );
        view! {
            <p class="form-status" data-testid="first-order">
                {text} " " <a href=checkout_href(v, v.chosen, true)>{d.first_order_later}</a>
            </p>
        }
    };
    Some(view)
}
