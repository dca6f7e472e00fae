//! The pickup points: the GET form that narrows them, and the list of radio buttons
//! the placing form carries.

use crate::checkout::model::{CheckoutView, PointOffer};
use crate::i18n::{Lang, fill};
use leptos::prelude::*;
use leptos_router::components::Form;

/// The GET form that narrows the points: city and address or metro.
pub(super) fn point_search(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
    let d = lang.orders();
    let city = v.city.clone();
    let options = v
        .cities
        .iter()
        .map(|c| {
            let selected = *c == city;
            view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
        })
        .collect_view();
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
