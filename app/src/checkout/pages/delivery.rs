//! How the order travels: pickup or courier, the pickup points (a search by address or
//! metro, the list, the map, which the list stands in for without JavaScript) and the
//! courier's address, date and slot.

use super::links::{checkout_href, checkout_href_for, later_field};
use crate::checkout::model::{CheckoutView, PointOffer};
use crate::i18n::{Lang, fill};
use crate::orders::{DeliveryKind, SLOTS};
use leptos::prelude::*;
use leptos_router::components::Form;

/// The two ways to receive an order, as links: the page shows the chosen one's
/// prices and choices (without JavaScript as well).
pub(super) fn delivery_kinds(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
    let d = lang.orders();
    let link = |kind: DeliveryKind, text: &'static str| {
        let current = (v.delivery_kind == kind).then_some("page");
        let href = checkout_href_for(v, kind, v.chosen, v.first_order_later);
        view! { <a href=href aria-current=current>{text}</a> }
    };
    view! {
        <nav class="filter-tabs" aria-label=d.delivery_how>
            {link(DeliveryKind::Pickup, d.to_pickup_point)}
            {link(DeliveryKind::Courier, d.by_courier)}
        </nav>
    }
}

/// The cities as a select's options, the page's city chosen.
fn city_options(v: &CheckoutView) -> impl IntoView + use<> {
    v.cities
        .iter()
        .map(|c| {
            let selected = *c == v.city;
            view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
        })
        .collect_view()
}

/// By courier: the GET form that picks the city (its days follow).
pub(super) fn courier_city(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
    let d = lang.orders();
    let options = city_options(v);
    let promo = v.promo.clone().unwrap_or_default();
    let later = v.first_order_later;
    view! {
        <Form method="GET" action="/checkout" attr:class="point-search">
            <input type="hidden" name="delivery" value="courier"/>
            <div>
                <label for="courier-city">{d.city}</label>
                <select id="courier-city" name="city">{options}</select>
            </div>
            <input type="hidden" name="promo" value=promo/>
            {later.then(later_field)}
            <button type="submit" class="button-secondary">{d.courier_city_show}</button>
        </Form>
    }
}

/// By courier: the address, the day and the time slot, in the placing form.
pub(super) fn courier_fields(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
    let d = lang.orders();
    if v.courier_days.is_empty() {
        return view! { <p class="hint">{d.courier_none}</p> }.into_any();
    }
    let days = v
        .courier_days
        .iter()
        .map(|(iso, text)| view! { <option value=iso.clone()>{text.clone()}</option> })
        .collect_view();
    let slots = SLOTS
        .iter()
        .enumerate()
        .map(|(i, s)| {
            view! {
                <label class="radio">
                    <input type="radio" name="slot" value=s.value() checked=i == 0 required/>
                    {s.text()}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="courier">
            <legend>{d.courier_title}</legend>
            <input type="hidden" name="delivery" value="courier"/>
            <input type="hidden" name="city" value=v.city.clone()/>
            <label for="courier-address">{d.courier_address}</label>
            <input id="courier-address" name="address" autocomplete="street-address" maxlength="200" required
                value=v.address.clone() aria-describedby="courier-address-hint"/>
            <p id="courier-address-hint" class="hint">{d.courier_address_hint}</p>
            <label for="courier-day">{d.courier_day}</label>
            <select id="courier-day" name="date" required>{days}</select>
            <fieldset class="slots">
                <legend>{d.courier_slot}</legend>
                {slots}
            </fieldset>
        </fieldset>
    }
    .into_any()
}

/// The GET form that narrows the points: city and address or metro.
pub(super) fn point_search(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
    let d = lang.orders();
    let options = city_options(v);
    let found = if v.matched > v.points.len() {
        format!(
            "{} ({})",
            fill(d.points_found, &[&v.matched.to_string()]),
            fill(d.points_shown, &[&v.points.len().to_string()])
        )
    } else {
        fill(d.points_found, &[&v.matched.to_string()])
    };
    let query = v.query.clone();
    let promo = v.promo.clone().unwrap_or_default();
    let later = v.first_order_later;
    view! {
        <Form method="GET" action="/checkout" attr:class="point-search" attr:role="search">
            <div>
                <label for="point-city">{d.city}</label>
                <select id="point-city" name="city">{options}</select>
            </div>
            <div>
                <label for="point-q">{d.point_search}</label>
                <input id="point-q" name="near" type="search" maxlength="100" value=query/>
            </div>
            <input type="hidden" name="promo" value=promo/>
            {later.then(later_field)}
            <button type="submit" class="button-secondary">{d.find}</button>
        </Form>
        <p class="hint" role="status" data-testid="points-found">{found}</p>
    }
}

/// The points as radio buttons of the placing form.
pub(super) fn point_list(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
    let d = lang.orders();
    if v.points.is_empty() {
        return view! { <p class="hint">{d.no_points}</p> }.into_any();
    }
    let chosen = v.chosen;
    let only = v.points.len() == 1;
    view! {
        <fieldset class="point-list">
            <legend>{d.pickup_point}</legend>
            {v.points.iter().map(|o| point(lang, o, only || chosen == Some(o.point.id))).collect_view()}
        </fieldset>
    }
    .into_any()
}

fn point(lang: Lang, o: &PointOffer, checked: bool) -> impl IntoView + use<> {
    let d = lang.orders();
    let p = &o.point;
    let mut facts = Vec::new();
    if !p.metro.is_empty() {
        facts.push(fill(d.metro, &[&p.metro]));
    }
    facts.push(fill(d.point_hours, &[&p.hours]));
    facts.push(fill(d.point_storage, &[&p.storage_days.to_string()]));
    facts.push(fill(d.point_delivery, &[&o.delivery_date]));
    view! {
        <label class="radio point">
            <input type="radio" name="pickup_point" value=p.id.to_string() checked=checked required/>
            <span class="point-address">{p.address.clone()}</span>
            <span class="hint">{facts.join(" · ")}</span>
        </label>
    }
}

/// The map of the points that matched: drawn by `/js/pickup-map.js` (Leaflet) once
/// hydrated; hidden without JavaScript, where the list stands in for it.
pub(super) fn point_map(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
    let d = lang.orders();
    let points: Vec<serde_json::Value> = v
        .map
        .iter()
        .map(|o| {
            let p = &o.point;
            let href = checkout_href(v, Some(p.id), v.first_order_later);
            let facts = format!(
                "{} · {}",
                fill(d.point_hours, &[&p.hours]),
                fill(d.point_delivery, &[&o.delivery_date])
            );
            serde_json::json!({
                "lat": p.lat_e6 as f64 / 1e6,
                "lon": p.lon_e6 as f64 / 1e6,
                "address": p.address,
                "facts": facts,
                "href": href,
            })
        })
        .collect();
    let data = serde_json::Value::Array(points).to_string();
    let map = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = map.get() {
            show_map(el.into());
        }
    });
    view! {
        <div class="pickup-map" node_ref=map data-pickup-map="" hidden=true role="region"
            aria-label=d.map_label data-points=data data-choose=d.map_choose
            data-attribution=d.map_attribution></div>
    }
}

/// Draws the map in `el` with the page's map script, loading it the first time.
fn show_map(el: wasm_bindgen::JsValue) {
    use wasm_bindgen::JsCast;
    let window = window();
    let ready = js_sys::Reflect::get(&window, &"rynokPickupMapReady".into())
        .map(|v| v.is_truthy())
        .unwrap_or(false);
    if ready {
        if let Ok(draw) = js_sys::Reflect::get(&window, &"rynokPickupMap".into())
            && let Ok(draw) = draw.dyn_into::<js_sys::Function>()
        {
            let _ = draw.call1(&wasm_bindgen::JsValue::NULL, &el);
        }
        return;
    }
    // Loading: the script draws every map on the page once its library is in.
    let document = document();
    if document.get_element_by_id("pickup-map-js").is_some() {
        return;
    }
    if let (Ok(script), Some(head)) = (document.create_element("script"), document.head()) {
        let _ = script.set_attribute("id", "pickup-map-js");
        let _ = script.set_attribute("src", "/js/pickup-map.js");
        let _ = head.append_child(&script);
    }
}
