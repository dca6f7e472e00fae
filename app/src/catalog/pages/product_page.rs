use super::product_card::RatingBadge;
use crate::cart::AddToCartForm;
use crate::catalog::api::get_product;
use crate::catalog::model::ProductDetail;
use crate::i18n::{fill, t};
use crate::ui::{ErrorView, Price};
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ProductPage() -> impl IntoView {
    let d = t();
    let params = use_params_map();
    let data = Resource::new(
        move || params.with(|p| p.get("key").unwrap_or_default()),
        get_product,
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{d.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <ProductView p/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductView(p: ProductDetail) -> impl IntoView {
    let d = t();
    let lang = crate::i18n::use_lang();
    let card = p.card.clone();
    let images = (1..=p.image_count.clamp(1, 8))
        .map(|n| {
            (
                format!("/img/product/{}/{n}.svg", card.id),
                fill(d.image_of, &[&n.to_string(), &p.image_count.to_string()]),
            )
        })
        .collect::<Vec<_>>();
    let stock_text = if card.stock > 0 {
        fill(d.in_stock, &[&card.stock.to_string()])
    } else {
        d.out_of_stock.to_string()
    };
    let bought = fill(
        d.bought_times,
        &[&crate::shared::money::group_digits(p.orders_count as u64)],
    );
    let _ = lang;
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", card.title))/>
        <Link rel="canonical" href=p.canonical_url.clone()/>
        <nav aria-label=d.breadcrumbs class="breadcrumbs">
            <ol>
                <li><a href="/">{d.home}</a></li>
                {p.breadcrumbs.iter().map(|c| view! { <li><a href=format!("/category/{}", c.slug)>{c.name.clone()}</a></li> }).collect_view()}
            </ol>
        </nav>
        <article class="product">
            <section class="gallery" aria-label=d.gallery>
                <ul tabindex="0">
                    {images.into_iter().map(|(src, alt)| view! {
                        <li><img src=src alt=alt width="480" height="480"/></li>
                    }).collect_view()}
                </ul>
            </section>
            <div class="product-main">
                <h1>{card.title.clone()}</h1>
                <p class="product-meta">
                    <span class="brand">{card.brand.clone()}</span>
                    <RatingBadge rating=card.rating/>
                    <span class="bought">{bought}</span>
                </p>
                <Price price=card.price old=card.old_price.unwrap_or_default() large=true/>
                <p class="stock" class:stock-out={card.stock == 0}>{stock_text}</p>
                <p class="seller">{d.seller}": "<span>{p.seller.clone()}</span>{p.seller_ships.then(|| view! { " · " <span data-testid="seller-ships">{d.seller_ships}</span> })}</p>
                {write_seller(card.id)}
                <AddToCartForm product_id=card.id stock=card.stock/>
                {(card.stock == 0).then(|| stock_alert(card.id))}
                {price_alert(card.id)}
                {favourite_form(card.id, p.favourite == Some(true))}
                <ShareButton url=p.canonical_url.clone()/>
            </div>
        </article>
        <section class="characteristics" aria-labelledby="characteristics">
            <h2 id="characteristics">{d.characteristics}</h2>
            <dl>
                {p.attributes.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
            </dl>
        </section>
        <section class="description" aria-labelledby="description">
            <h2 id="description">{d.description}</h2>
            <p>{p.description}</p>
        </section>
        <crate::catalog::reviews::pages::ReviewsSection product=card.id/>
    }
}

/// "Написать продавцу": a plain form (no WASM of its own) that opens the dialog
/// with the seller about this product; a guest is sent to sign in.
fn write_seller(id: i64) -> impl IntoView {
    let d = crate::i18n::use_lang().chat();
    view! {
        <form method="post" action="/api/chat/start" class="write-seller">
            <input type="hidden" name="product" value=id.to_string()/>
            <button type="submit" class="button-link">{d.write_seller}</button>
        </form>
    }
}

/// Keeps the product among favourites, or lets it go: a plain form (no WASM of its
/// own); a guest is sent to sign in.
fn favourite_form(id: i64, kept: bool) -> impl IntoView {
    let d = t();
    view! {
        <form method="post" action="/api/favourites/set" class="favourite">
            <input type="hidden" name="product" value=id.to_string()/>
            <input type="hidden" name="on" value=if kept { "0" } else { "1" }/>
            <button type="submit" class="button-link" aria-pressed=if kept { "true" } else { "false" }>
                {if kept { d.favourite_on } else { d.favourite_add }}
            </button>
        </form>
    }
}

/// Follows the price: a plain form (no WASM of its own); back from it
/// (`?price_alert=1`), that it is set, with a way to stop.
fn price_alert(id: i64) -> impl IntoView {
    let d = t();
    let set = use_query_map().with_untracked(|q| q.get("price_alert").as_deref() == Some("1"));
    view! {
        <form method="post" action="/api/alerts/price" class="price-alert">
            <input type="hidden" name="product" value=id.to_string()/>
            <input type="hidden" name="on" value=if set { "0" } else { "1" }/>
            <button type="submit" class="button-link">{if set { d.price_unfollow } else { d.price_follow }}</button>
        </form>
        {set.then(|| view! { <p role="status" class="form-status" data-testid="price-alert-set">{d.price_alert_set}</p> })}
    }
}

/// Out of stock: a plain form (no WASM of its own) asking to be told when it is back,
/// and, back from it (`?alert=1`), that it is set.
fn stock_alert(id: i64) -> impl IntoView {
    let d = t();
    let set = use_query_map().with_untracked(|q| q.get("alert").is_some());
    view! {
        <form method="post" action="/api/alerts/stock" class="stock-alert">
            <input type="hidden" name="product" value=id.to_string()/>
            <button type="submit" class="button button-secondary">{d.notify_back}</button>
        </form>
        {set.then(|| view! { <p role="status" class="form-status" data-testid="stock-alert-set">{d.alert_set}</p> })}
    }
}

/// Copies the product's canonical URL. Without JavaScript (or without the Clipboard
/// API) the button is a link to `?share=1`, which shows the URL ready to copy.
#[component]
fn ShareButton(url: String) -> impl IntoView {
    let d = t();
    let query = use_query_map();
    let (show_link, set_show_link) = signal(query.with_untracked(|q| q.get("share").is_some()));
    let (copied, set_copied) = signal(false);
    let to_copy = url.clone();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&to_copy);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => set_copied.set(true),
                Err(_) => set_show_link.set(true),
            }
        });
    };
    view! {
        <div class="share">
            <a href="?share=1#share-link" class="button button-secondary" role="button" on:click=on_click>{d.share}</a>
            <p role="status" class="share-status">{move || copied.get().then_some(d.link_copied)}</p>
            <Show when=move || show_link.get()>
                <label for="share-link">{d.product_link}</label>
                <input id="share-link" readonly value=url.clone()/>
            </Show>
        </div>
    }
}
