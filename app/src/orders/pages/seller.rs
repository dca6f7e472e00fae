//! The seller's page for its staff (a minimal one; the seller dashboard comes
//! later): postings to pack, to hand to delivery by their deadline, the ones
//! shipped, and the seller's products with their stock. Each action is a plain
//! form that comes back to this page, so it works without JavaScript.

use crate::i18n::{Lang, fill, use_lang};
use crate::orders::api::{
    SellerPosting as SellerAction, SellerPrice, SellerStock, get_seller_desk,
};
use crate::orders::i18n::{seller_error_text, status_text};
use crate::orders::model::{SellerDesk, SellerPosting};
use crate::shared::time::local_datetime;
use crate::ui::forms::action_error;
use crate::ui::{FormError, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn SellerPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.orders();
    let q = use_query_map();
    let act = ServerAction::<SellerAction>::new();
    let stock = ServerAction::<SellerStock>::new();
    let price = ServerAction::<SellerPrice>::new();
    let me = Resource::new(|| (), |_| crate::account::get_me());
    let desk = Resource::new(
        move || {
            (
                act.version().get(),
                stock.version().get(),
                price.version().get(),
            )
        },
        |_| get_seller_desk(),
    );
    let done = move || {
        q.with(|q| {
            let n = q.get("n")?;
            let text = match q.get("done")?.as_str() {
                "pack" => d.seller_done_pack,
                "ship" => d.seller_done_ship,
                "cancel" => d.seller_done_cancel,
                "stock" => d.seller_done_stock,
                "price" => d.seller_done_price,
                _ => return None,
            };
            Some(fill(text, &[&n]))
        })
    };
    let error = action_error(move || act.value().get(), SellerAction::PATH);
    let stock_error = action_error(move || stock.value().get(), SellerStock::PATH);
    let price_error = action_error(move || price.value().get(), SellerPrice::PATH);
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.seller_title))/>
        <h1>{d.seller_title}</h1>
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                if !matches!(me.await, Ok(Some(_))) {
                    return require_sign_in("/seller").into_any();
                }
                match desk.await {
                    Ok(desk) => view! {
                        {done().map(|t| view! { <p role="status" class="form-status" data-testid="seller-done">{t}</p> })}
                        <FormError message=Signal::derive(move || error.get().map(|e| seller_error_text(lang, &e)))/>
                        <FormError message=Signal::derive(move || stock_error.get().map(|e| seller_error_text(lang, &e)))/>
                        <FormError message=Signal::derive(move || price_error.get().map(|e| seller_error_text(lang, &e)))/>
                        {seller_desk(lang, desk, Forms { act, stock, price })}
                    }
                    .into_any(),
                    Err(e) => view! { <p role="alert" class="form-error">{seller_error_text(lang, &e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The page's forms.
#[derive(Clone, Copy)]
struct Forms {
    act: ServerAction<SellerAction>,
    stock: ServerAction<SellerStock>,
    price: ServerAction<SellerPrice>,
}

fn seller_desk(lang: Lang, desk: SellerDesk, forms: Forms) -> impl IntoView {
    let Forms { act, stock, price } = forms;
    let d = lang.orders();
    let lists = desk.ships_itself.then(|| {
        view! {
            {section(lang, "seller-to-pack", d.seller_to_pack, desk.to_pack, &["pack", "cancel"], act)}
            {section(lang, "seller-to-ship", d.seller_to_ship, desk.to_ship, &["ship", "cancel"], act)}
            {section(lang, "seller-shipped", d.seller_shipped, desk.shipped, &[], act)}
        }
    });
    let products = desk
        .products
        .into_iter()
        .map(|p| {
            let href = crate::catalog::product_path(p.id, &p.title);
            let field = format!("stock-{}", p.id);
            let label = fill(d.seller_stock_label, &[&p.title]);
            let price_field = format!("price-{}", p.id);
            let price_label = fill(d.seller_price_label, &[&p.title]);
            let typed = format!("{},{:02}", p.price.kopecks() / 100, p.price.kopecks() % 100);
            view! {
                <li>
                    <a href=href>{p.title}</a>
                    <span class="hint">{p.price.to_string()} " · " {fill(d.seller_stock, &[&p.stock.to_string()])}</span>
                    <ActionForm action=stock attr:class="seller-stock">
                        <input type="hidden" name="product" value=p.id.to_string()/>
                        <label for=field.clone() class="visually-hidden">{label}</label>
                        <input id=field name="stock" type="number" min="0" max="1000000" inputmode="numeric" value=p.stock.to_string() required/>
                        <button type="submit" class="button-secondary">{d.seller_stock_save}</button>
                    </ActionForm>
                    <ActionForm action=price attr:class="seller-stock">
                        <input type="hidden" name="product" value=p.id.to_string()/>
                        <label for=price_field.clone() class="visually-hidden">{price_label}</label>
                        <input id=price_field name="price" inputmode="decimal" value=typed required/>
                        <button type="submit" class="button-secondary" aria-label=d.seller_price_save>{d.seller_stock_save}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="lead" data-testid="seller-name">{desk.name}</p>
        {(!desk.ships_itself).then(|| view! { <p class="hint">{d.seller_rynok_ships}</p> })}
        {lists}
        <section aria-labelledby="seller-products">
            <h2 id="seller-products">{d.seller_products}</h2>
            <ul class="seller-products">{products}</ul>
        </section>
    }
}

fn section(
    lang: Lang,
    id: &'static str,
    title: &'static str,
    postings: Vec<SellerPosting>,
    actions: &'static [&'static str],
    act: ServerAction<SellerAction>,
) -> impl IntoView {
    let d = lang.orders();
    let body = if postings.is_empty() {
        view! { <p class="hint">{d.seller_nothing}</p> }.into_any()
    } else {
        let items = postings
            .into_iter()
            .map(|p| posting(lang, p, actions, act))
            .collect_view();
        view! { <ul class="seller-postings">{items}</ul> }.into_any()
    };
    view! {
        <section aria-labelledby=id data-testid=id>
            <h2 id=id>{title}</h2>
            {body}
        </section>
    }
}

fn posting(
    lang: Lang,
    p: SellerPosting,
    actions: &'static [&'static str],
    act: ServerAction<SellerAction>,
) -> impl IntoView {
    let d = lang.orders();
    let heading = fill(d.order_no, &[&p.number]);
    let lines = p
        .lines
        .iter()
        .map(|l| {
            view! { <li>{l.title.clone()} " × " {l.quantity}</li> }
        })
        .collect_view();
    let ship_by = p
        .ship_by
        .map(|t| view! { <p class="hint">{fill(d.seller_ship_by, &[&local_datetime(t)])}</p> });
    let buttons = actions
        .iter()
        .map(|a| {
            let (label, class) = match *a {
                "pack" => (d.seller_pack, "button"),
                "ship" => (d.seller_ship, "button"),
                _ => (d.seller_cancel, "button-link"),
            };
            let aria = format!("{label}: {heading}");
            let id = p.id.to_string();
            view! {
                <ActionForm action=act attr:class="seller-action">
                    <input type="hidden" name="posting" value=id/>
                    <input type="hidden" name="action" value=*a/>
                    <button type="submit" class=class aria-label=aria>{label}</button>
                </ActionForm>
            }
        })
        .collect_view();
    // A plain form (no WASM of its own) to the chat: within 72 hours of payment or
    // delivery the seller may write to the shopper first.
    let write = p.write_until.map(|until| {
        let aria = format!("{}: {heading}", d.seller_write);
        view! {
            <form method="post" action="/api/chat/start-seller" class="seller-action">
                <input type="hidden" name="posting" value=p.id.to_string()/>
                <button type="submit" class="button-link" aria-label=aria>{d.seller_write}</button>
                <span class="hint">{fill(d.seller_write_until, &[&local_datetime(until)])}</span>
            </form>
        }
    });
    let cancel_hint = actions
        .contains(&"cancel")
        .then(|| view! { <p class="hint">{d.seller_cancel_hint}</p> });
    view! {
        <li class="seller-posting">
            <h3>{heading.clone()}</h3>
            <p>{status_text(lang, p.status)}</p>
            {ship_by}
            <ul>{lines}</ul>
            <div class="seller-actions">{buttons}</div>
            {cancel_hint}
            {write}
        </li>
    }
}
