//! The map of the pickup points (Leaflet, loaded by `/js/pickup-map.js`).

use crate::checkout::model::CheckoutView;
use crate::i18n::{Lang, fill};
use leptos::prelude::*;

/// The map of the points that matched: drawn by `/js/pickup-map.js` (Leaflet) once
/// hydrated; hidden without JavaScript, where the list stands in for it.
pub(super) fn point_map(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
    let d = lang.orders();
    let points: Vec<serde_json::Value> = v
        .map
        .iter()
        .map(|o| {
            let p = &o.point;
            let href = format!(
                "/checkout?city={}&near={}&point={}&promo={}",
                crate::shared::url::percent_encode(&v.city),
                crate::shared::url::percent_encode(&v.query),
                p.id,
                crate::shared::url::percent_encode(v.promo.as_deref().unwrap_or_default())
            );
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
