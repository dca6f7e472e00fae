//! The checkout page. Without JavaScript it is plain forms: a GET form narrows the
//! pickup points, the placing form posts to `orders/place` and is redirected to the
//! order's page.

use crate::checkout::api::{AcceptPrices, get_checkout};
use crate::checkout::model::{CheckoutView, PointOffer};
use crate::i18n::{Lang, fill, use_lang};
use crate::orders::{DeliveryKind, SLOTS};
use crate::orders::{PlaceOrder, order_error_text};
use crate::shared::money::Money;
use crate::ui::forms::action_error;
use crate::ui::{ErrorView, FormError, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.orders();
    let q = use_query_map();
    let place = ServerAction::<PlaceOrder>::new();
    let accept = ServerAction::<AcceptPrices>::new();
    let data = Resource::new(
        move || {
            // "near", not "q": the header's search box reads "q".
            let args = q.with(|q| {
                let kept = (q.get("promo"), q.get("first_order"), q.get("delivery"));
                (q.get("city"), q.get("near"), q.get("point"), kept)
            });
            (args, place.version().get(), accept.version().get())
        },
        |((city, query, point, (promo, first_order, delivery)), _, _)| {
            get_checkout(delivery, city, query, point, promo, first_order)
        },
    );
    // The first key this page was given stays its key: a retry after a lost answer
    // must not place a second order.
    let key = StoredValue::new(None::<String>);
    // A placed order took the lines out of the cart: the header's badge follows.
    // Hydrated, the provider's page (paying by card) is reached by the answer, as the
    // router knows no such page; without JavaScript the form post's redirect goes there.
    Effect::new(move |_| {
        if let Some(Ok(order)) = place.value().get() {
            crate::cart::cart_changed();
            if let Some(url) = order.payment_url {
                let _ = window().location().set_href(&url);
            }
        }
    });
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.checkout_title))/>
        <h1>{d.checkout_title}</h1>
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(v)) if v.lines.is_empty() => view! {
                        <p class="hint">{d.nothing_to_order}</p>
                        <a href="/cart" class="button">{d.go_to_cart}</a>
                    }.into_any(),
                    Ok(Some(mut v)) => {
                        match key.get_value() {
                            Some(k) => v.key = k,
                            None => key.set_value(Some(v.key.clone())),
                        }
                        checkout(lang, v, place, accept).into_any()
                    }
                    Ok(None) => require_sign_in("/checkout").into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn checkout(
    lang: Lang,
    v: CheckoutView,
    place: ServerAction<PlaceOrder>,
    accept: ServerAction<AcceptPrices>,
) -> impl IntoView {
    let d = lang.orders();
    let error = action_error(move || place.value().get(), PlaceOrder::PATH);
    let accept_error = action_error(move || accept.value().get(), AcceptPrices::PATH);
    let changes = v.prices_changed().then(|| {
        let items = v
            .lines
            .iter()
            .filter_map(|l| {
                l.was.map(|was| {
                    let text = fill(d.price_was, &[&l.title, &was.to_string(), &l.price.to_string()]);
                    view! { <li>{text}</li> }
                })
            })
            .collect_view();
        view! {
            <section class="checkout-changes" aria-labelledby="changes-title">
                <h2 id="changes-title">{d.prices_changed}</h2>
                <ul>{items}</ul>
                <ActionForm action=accept>
                    <button type="submit" class="button">{d.accept_prices}</button>
                </ActionForm>
                <FormError message=Signal::derive(move || accept_error.get().map(|e| order_error_text(lang, &e)))/>
            </section>
        }
    });
    let short = v.stock_short().then(|| {
        let items = v
            .lines
            .iter()
            .filter(|l| l.short())
            .map(|l| view! { <li>{fill(d.stock_short, &[&l.title, &l.stock.to_string()])}</li> })
            .collect_view();
        view! {
            <section class="checkout-changes" aria-labelledby="short-title">
                <h2 id="short-title">{d.stock_short_hint}</h2>
                <ul>{items}</ul>
                <a href="/cart" class="button">{d.go_to_cart}</a>
            </section>
        }
    });
    let bonus = (v.bonus > Money::ZERO).then(|| {
        let left = Money::from_kopecks(v.total.kopecks() - v.bonus.kopecks());
        let label = fill(
            d.use_points,
            &[&(v.bonus.kopecks() / 100).to_string(), &left.to_string()],
        );
        view! {
            <label class="radio">
                <input type="checkbox" name="points" value=v.bonus.kopecks().to_string()/>
                {label}
            </label>
            <p class="hint">{d.points_hint}</p>
        }
    });
    let ready = v.ready();
    let lines = v.lines_field();
    let pay_wallet = v.wallet >= v.total;
    let delivery = if v.delivery == Money::ZERO {
        d.free.to_string()
    } else {
        v.delivery.to_string()
    };
    view! {
        {changes}
        {short}
        <div class="checkout">
            {delivery_kinds(lang, &v)}
            {match v.delivery_kind {
                DeliveryKind::Pickup => view! {
                    <section class="checkout-points" aria-labelledby="points-title">
                        <h2 id="points-title">{d.choose_point}</h2>
                        {point_search(lang, &v)}
                        {point_map(lang, &v)}
                    </section>
                }.into_any(),
                DeliveryKind::Courier => view! {
                    <section class="checkout-points" aria-labelledby="points-title">
                        <h2 id="points-title">{d.courier_title}</h2>
                        {courier_city(lang, &v)}
                    </section>
                }.into_any(),
            }}
            {promo_form(lang, &v)}
            <ActionForm action=place attr:class="checkout-form">
                <input type="hidden" name="key" value=v.key.clone()/>
                <input type="hidden" name="lines" value=lines/>
                <input type="hidden" name="promo" value=v.promo.clone().unwrap_or_default()/>
                {(v.first_order_off > Money::ZERO).then(|| view! { <input type="hidden" name="first_order" value="1"/> })}
                {match v.delivery_kind {
                    DeliveryKind::Pickup => point_list(lang, &v).into_any(),
                    DeliveryKind::Courier => courier_fields(lang, &v).into_any(),
                }}
                <fieldset>
                    <legend>{d.recipient}</legend>
                    <label for="recipient-name">{d.recipient_name}</label>
                    <input id="recipient-name" name="recipient_name" autocomplete="name" maxlength="100" required value=v.recipient_name.clone() aria-describedby="recipient-hint"/>
                    <p id="recipient-hint" class="hint">{d.recipient_hint}</p>
                    <label for="recipient-phone">{d.recipient_phone}</label>
                    <input id="recipient-phone" name="recipient_phone" type="tel" autocomplete="tel" maxlength="20" required value=v.recipient_phone.clone()/>
                </fieldset>
                <fieldset>
                    <legend>{d.payment_title}</legend>
                    {bonus}
                    <label class="radio">
                        <input type="radio" name="pay" value="wallet" checked=pay_wallet/>
                        {fill(d.pay_wallet_option, &[&v.wallet.to_string()])}
                    </label>
                    <label class="radio">
                        <input type="radio" name="pay" value="card" checked=!pay_wallet/>
                        {d.pay_card_option}
                    </label>
                    <label class="radio">
                        <input type="radio" name="pay" value="on_receipt"/>
                        {d.pay_on_receipt_option}
                    </label>
                </fieldset>
                <aside class="checkout-summary" aria-labelledby="summary-title">
                    <h2 id="summary-title">{d.your_order}</h2>
                    <ul class="checkout-lines">
                        {v.lines.iter().map(|l| view! {
                            <li><a href=l.url.clone()>{l.title.clone()}</a> " " <span class="hint">{fill(d.pieces, &[&l.quantity.to_string()])} " × " {l.price.to_string()}</span></li>
                        }).collect_view()}
                    </ul>
                    <dl>
                        <div><dt>{fill(d.goods, &[&v.units.to_string()])}</dt><dd data-testid="checkout-goods">{v.goods.to_string()}</dd></div>
                        {(v.discount > Money::ZERO).then(|| view! {
                            <div><dt>{d.discount}</dt><dd data-testid="checkout-discount">{format!("−{}", v.discount)}</dd></div>
                        })}
                        {(v.first_order_off > Money::ZERO).then(|| view! {
                            <div><dt>{d.first_order_discount}</dt><dd data-testid="checkout-first-discount">{format!("−{}", v.first_order_off)}</dd></div>
                        })}
                        <div><dt>{d.delivery_price}</dt><dd data-testid="checkout-delivery">{delivery}</dd></div>
                        <div class="to-pay"><dt>{d.total}</dt><dd data-testid="checkout-total">{v.total.to_string()}</dd></div>
                    </dl>
                    {(v.delivery > Money::ZERO).then(|| view! { <p class="hint">{fill(d.free_from, &[&v.free_from.to_string()])}</p> })}
                    <button type="submit" class="button" disabled=!ready>{d.place}</button>
                    <p class="hint">{d.place_hint}</p>
                    <FormError message=Signal::derive(move || error.get().map(|e| order_error_text(lang, &e)))/>
                </aside>
            </ActionForm>
        </div>
    }
}

/// The two ways to receive an order, as links: the page shows the chosen one's
/// prices and choices (without JavaScript as well).
fn delivery_kinds(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
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
fn courier_city(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
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
fn courier_fields(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
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
fn point_search(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
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
fn point_list(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
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
fn point_map(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
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

/// The GET form that applies a promo code: the page shows what it takes off (or why
/// it does not apply) before anything is placed.
fn promo_form(lang: Lang, v: &CheckoutView) -> impl IntoView + use<> {
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

/// The first-order discount kept for later stays kept across the page's GET forms.
fn later_field() -> impl IntoView {
    view! { <input type="hidden" name="first_order" value="later"/> }
}

/// This checkout page with `point` chosen and the first-order discount kept for
/// later or not, the rest as it is.
fn checkout_href(v: &CheckoutView, point: Option<i64>, later: bool) -> String {
    checkout_href_for(v, v.delivery_kind, point, later)
}

/// This checkout page receiving by `kind`, with `point` chosen (to a pickup point)
/// and the first-order discount kept for later or not, the rest as it is.
fn checkout_href_for(
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
