//! The checkout page itself: what is bought, the delivery chosen, the payment, the
//! sums, and the prices that changed since the cart.

use super::delivery::{
    courier_city, courier_fields, delivery_kinds, point_list, point_map, point_search,
};
use super::promo::promo_form;
use crate::checkout::api::{AcceptPrices, get_checkout};
use crate::checkout::model::CheckoutView;
use crate::i18n::{Lang, fill, use_lang};
use crate::orders::DeliveryKind;
use crate::orders::{PlaceOrder, order_error_text};
use crate::shared::money::Money;
use crate::ui::forms::action_error;
use crate::ui::{ErrorView, FormError, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;
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
