//! Product tiles and the rating badge.

use crate::catalog::model::{ProductCard, Rating};
use crate::i18n::{Lang, t, use_lang};
use crate::ui::Price;
use leptos::prelude::*;

/// One product tile in a grid.
#[component]
pub fn ProductCardView(card: ProductCard) -> impl IntoView {
    let url = card.url();
    let img = format!("/img/product/{}/1.svg", card.id);
    let out = card.stock == 0;
    let d = crate::i18n::t();
    view! {
        <li class="card">
            <a href=url class="card-link">
                <img src=img alt="" width="240" height="240" loading="lazy" class="card-img"/>
                <Price price=card.price old=card.old_price.unwrap_or_default()/>
                <span class="card-title">{card.title}</span>
                <span class="card-brand">{card.brand}</span>
                <RatingBadge rating=card.rating/>
                {out.then(|| view! { <span class="card-out">{d.out_of_stock}</span> })}
            </a>
        </li>
    }
}

#[component]
pub fn ProductGrid(items: Vec<ProductCard>, label: String) -> impl IntoView {
    view! {
        <ul class="grid" aria-label=label>
            {items.into_iter().map(|card| view! { <ProductCardView card/> }).collect_view()}
        </ul>
    }
}

/// "★ 4,7 · 123 отзыва".
#[component]
pub fn RatingBadge(rating: Rating) -> impl IntoView {
    let lang = use_lang();
    let d = t();
    (rating.count > 0).then(|| {
        let value = rating.display(lang == Lang::Ru);
        view! {
            <span class="rating">
                <span aria-hidden="true">"★ "</span>
                <span class="visually-hidden">{d.rating}" "</span>
                {value}
                " · "
                {d.reviews.count(lang, rating.count as u64)}
            </span>
        }
    })
}
