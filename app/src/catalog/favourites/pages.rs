//! "Избранное": the shopper's kept products, newest first, each with a way to let
//! it go (a plain form, so it works without JavaScript).

use crate::catalog::favourites::api::get_favourites;
use crate::catalog::model::ProductCard;
use crate::i18n::{fill, use_lang};
use crate::ui::{ErrorView, Price, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn FavouritesPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.dict();
    let data = Resource::new(|| (), |_| get_favourites());
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.favourites_title))/>
        <h1>{d.favourites_title}</h1>
        <div class="account">
            {crate::account::account_nav()}
            <div class="account-main">
                <Suspense fallback=move || view! { <p class="loading">{d.loading}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(Some(list)) if list.is_empty() => view! { <p class="hint">{d.favourites_empty}</p> }.into_any(),
                            Ok(Some(list)) => view! {
                                <ul class="orders" aria-label=d.favourites_title>
                                    {list.into_iter().map(kept).collect_view()}
                                </ul>
                            }.into_any(),
                            Ok(None) => require_sign_in("/account/favourites").into_any(),
                            Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </div>
    }
}

fn kept(card: ProductCard) -> impl IntoView {
    let d = use_lang().dict();
    let label = fill(d.favourite_remove_label, &[&card.title]);
    view! {
        <li class="order-card">
            <a href=card.url()>{card.title.clone()}</a>
            <Price price=card.price old=card.old_price.unwrap_or_default()/>
            {(card.stock == 0).then(|| view! { <span class="hint">{d.out_of_stock}</span> })}
            <form method="post" action="/api/favourites/set">
                <input type="hidden" name="product" value=card.id.to_string()/>
                <input type="hidden" name="on" value="0"/>
                <input type="hidden" name="back" value="favourites"/>
                <button type="submit" class="button-link" aria-label=label>{d.favourite_remove}</button>
            </form>
        </li>
    }
}
