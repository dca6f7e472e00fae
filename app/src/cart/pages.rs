//! The cart page, the add-to-cart form and the shared cart state behind the badge.

use crate::cart::api::{AddToCart, RemoveFromCart, SelectCartItem, SetCartQuantity, get_cart};
use crate::cart::model::CartLine;
use crate::i18n::{Dict, fill, t, use_lang};
use crate::shared::error::AppError;
use crate::shared::money::Money;
use crate::ui::forms::action_error;
use crate::ui::{ErrorView, Price};
use leptos::prelude::*;
use leptos_meta::Title;

/// The cart's server actions, shared so that the header badge refreshes after any of them.
#[derive(Clone, Copy)]
pub struct CartActions {
    pub add: ServerAction<AddToCart>,
    pub set_quantity: ServerAction<SetCartQuantity>,
    pub remove: ServerAction<RemoveFromCart>,
    pub select: ServerAction<SelectCartItem>,
    /// Bumped when the cart changed by something else (an order placed).
    pub changed: RwSignal<usize>,
}

impl CartActions {
    /// Changes whenever any cart action completes.
    fn version(&self) -> (usize, usize, usize, usize, usize) {
        (
            self.add.version().get(),
            self.set_quantity.version().get(),
            self.remove.version().get(),
            self.select.version().get(),
            self.changed.get(),
        )
    }
}

pub fn provide_cart_actions() {
    provide_context(CartActions {
        add: ServerAction::new(),
        set_quantity: ServerAction::new(),
        remove: ServerAction::new(),
        select: ServerAction::new(),
        changed: RwSignal::new(0),
    });
}

/// Tells the cart's badge and page that the cart changed elsewhere (an order took
/// its lines).
pub fn cart_changed() {
    if let Some(a) = use_context::<CartActions>() {
        a.changed.update(|n| *n += 1);
    }
}

fn use_cart_actions() -> CartActions {
    expect_context::<CartActions>()
}

/// The cart, refetched after every cart action.
fn cart_resource() -> Resource<Result<crate::cart::model::CartView, AppError>> {
    let actions = use_cart_actions();
    Resource::new(move || actions.version(), |_| get_cart())
}

/// Units in the cart, for the header badge.
pub fn use_cart_units() -> Resource<Result<i64, AppError>> {
    let actions = use_cart_actions();
    Resource::new(
        move || actions.version(),
        |_| async move { get_cart().await.map(|c| c.units) },
    )
}

/// The message for a failed cart action, in the page's language.
fn error_text(d: &Dict, e: &AppError, stock: i64) -> String {
    match e {
        AppError::InsufficientStock { available } => fill(d.stock_limit, &[&available.to_string()]),
        AppError::Invalid { .. } => fill(
            d.quantity_invalid,
            &[&stock.clamp(1, crate::cart::model::MAX_QUANTITY).to_string()],
        ),
        AppError::NotFound => d.unavailable.to_string(),
        AppError::Forbidden | AppError::ReauthRequired => d.forbidden.to_string(),
        AppError::Transport(_) => d.network_error.to_string(),
        _ => d.error_text.to_string(),
    }
}

/// Quantity and "add to cart" on a product page.
#[component]
pub fn AddToCartForm(product_id: i64, stock: i64) -> impl IntoView {
    let d = t();
    let add = use_cart_actions().add;
    let error = action_error(
        move || add.value().get(),
        <AddToCart as server_fn::ServerFn>::PATH,
    );
    let added = move || matches!(add.value().get(), Some(Ok(_)));
    let (qty, set_qty) = signal(1i64);
    let max = stock.max(1);
    view! {
        <ActionForm action=add attr:class="add-to-cart">
            <input type="hidden" name="product_id" value=product_id.to_string()/>
            <div class="stepper">
                <button type="button" aria-label=d.decrease on:click=move |_| set_qty.update(|q| *q = (*q - 1).max(1))>"−"</button>
                <label for="quantity" class="visually-hidden">{d.quantity}</label>
                <input id="quantity" name="quantity" inputmode="numeric" size="3" maxlength="4"
                    prop:value=move || qty.get().to_string() value="1"
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<i64>() {
                            set_qty.set(n)
                        }
                    }/>
                <button type="button" aria-label=d.increase on:click=move |_| set_qty.update(|q| *q = (*q + 1).min(max))>"+"</button>
            </div>
            <button type="submit" class="button" disabled={stock == 0}>{d.add_to_cart}</button>
            <p role="status" class="form-status">
                {move || added().then(|| view! { {d.added_to_cart}" · "<a href="/cart">{d.go_to_cart}</a> })}
            </p>
            <crate::ui::FormError message=Signal::derive(move || error.get().map(|e| error_text(d, &e, stock)))/>
        </ActionForm>
    }
}

#[component]
pub fn CartPage() -> impl IntoView {
    let d = t();
    let cart = cart_resource();
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.cart))/>
        <h1>{d.cart}</h1>
        <Suspense fallback=move || view! { <p class="loading">{d.loading}</p> }>
            {move || Suspend::new(async move {
                match cart.await {
                    Ok(c) if c.lines.is_empty() => view! {
                        <section class="cart-empty">
                            <h2>{d.cart_empty}</h2>
                            <p>{d.cart_empty_hint}</p>
                            <a href="/" class="button">{d.to_home}</a>
                        </section>
                    }.into_any(),
                    Ok(c) => view! { <CartBody lines=c.lines totals=c.totals/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CartBody(lines: Vec<CartLine>, totals: crate::cart::model::Totals) -> impl IntoView {
    let d = t();
    let lang = use_lang();
    let actions = use_cart_actions();
    let set_quantity = actions.set_quantity;
    let qty_error = action_error(
        move || set_quantity.value().get(),
        <SetCartQuantity as server_fn::ServerFn>::PATH,
    );
    view! {
        <div class="cart">
            <ul class="cart-lines" aria-label=d.cart>
                {lines.into_iter().map(|l| view! { <CartLineView line=l/> }).collect_view()}
            </ul>
            <aside class="cart-summary" aria-labelledby="summary-title">
                <h2 id="summary-title">{d.your_order}</h2>
                <crate::ui::FormError message=Signal::derive(move || qty_error.get().map(|e| error_text(d, &e, 0)))/>
                <dl>
                    <div><dt>{format!("{} ({})", d.items_total, d.products.count(lang, totals.units as u64))}</dt><dd data-testid="total-before">{totals.before_discount.to_string()}</dd></div>
                    <div><dt>{d.discount}</dt><dd data-testid="total-discount">{if totals.discount > Money::ZERO { format!("−{}", totals.discount) } else { totals.discount.to_string() }}</dd></div>
                    <div class="to-pay"><dt>{d.to_pay}</dt><dd data-testid="total-to-pay">{totals.to_pay.to_string()}</dd></div>
                </dl>
                {if totals.units == 0 {
                    view! {
                        <button type="button" class="button" disabled=true aria-describedby="checkout-note">{d.checkout}</button>
                        <p id="checkout-note" class="hint">{d.nothing_selected}</p>
                    }.into_any()
                } else {
                    view! { <a href="/checkout" class="button">{d.checkout}</a> }.into_any()
                }}
            </aside>
        </div>
    }
}

#[component]
fn CartLineView(line: CartLine) -> impl IntoView {
    let d = t();
    let a = use_cart_actions();
    let p = line.product.clone();
    let id = p.id.to_string();
    let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id.clone());
    let minus_label = format!("{} — {}", d.decrease, p.title);
    let plus_label = format!("{} — {}", d.increase, p.title);
    let qty_label = format!("{} — {}", d.quantity, p.title);
    let select_label = format!("{} — {}", d.select_item, p.title);
    let remove_label = format!("{} — {}", d.remove, p.title);
    let minus = (line.quantity - 1).max(1).to_string();
    let plus = (line.quantity + 1).to_string();
    let input_id = format!("qty-{}", p.id);
    view! {
        <li class="cart-line">
            <ActionForm action=a.select attr:class="select-form">
                <input type="hidden" name="product_id" value=id1/>
                <input type="hidden" name="selected" value=if line.selected { "0" } else { "1" }/>
                <button type="submit" class="check-button" aria-pressed=line.selected.to_string() aria-label=select_label>
                    {if line.selected { "✓" } else { "" }}
                </button>
            </ActionForm>
            <img src=format!("/img/product/{}/1.svg", p.id) alt="" width="96" height="96"/>
            <div class="cart-line-info">
                <a href=p.url()>{p.title.clone()}</a>
                <Price price=line.total() old=line.total_before_discount()/>
                {(line.quantity > p.stock).then(|| view! { <p class="form-error">{fill(d.stock_limit, &[&p.stock.to_string()])}</p> })}
            </div>
            <div class="stepper">
                <ActionForm action=a.set_quantity>
                    <input type="hidden" name="product_id" value=id2/>
                    <input type="hidden" name="quantity" value=minus/>
                    <button type="submit" aria-label=minus_label disabled={line.quantity <= 1}>"−"</button>
                </ActionForm>
                <ActionForm action=a.set_quantity attr:class="qty-form">
                    <input type="hidden" name="product_id" value=id3/>
                    <label for=input_id.clone() class="visually-hidden">{qty_label}</label>
                    <input id=input_id name="quantity" inputmode="numeric" size="3" maxlength="4" value=line.quantity.to_string()/>
                    <button type="submit" class="button-small">{d.update}</button>
                </ActionForm>
                <ActionForm action=a.set_quantity>
                    <input type="hidden" name="product_id" value=id4/>
                    <input type="hidden" name="quantity" value=plus/>
                    <button type="submit" aria-label=plus_label disabled={line.quantity >= p.stock}>"+"</button>
                </ActionForm>
            </div>
            <ActionForm action=a.remove>
                <input type="hidden" name="product_id" value=id/>
                <button type="submit" class="button-link" aria-label=remove_label>{d.remove}</button>
            </ActionForm>
        </li>
    }
}
