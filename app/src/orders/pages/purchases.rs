//! "Купленные товары": what the shopper received, one entry per product.

use crate::i18n::{fill, use_lang};
use crate::orders::api::get_purchases;
use crate::shared::time::{date_of, date_ru};
use crate::ui::{ErrorView, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PurchasesPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.orders();
    let data = Resource::new(|| (), |_| get_purchases());
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.purchases_title))/>
        <h1>{d.purchases_title}</h1>
        <div class="account">
            {crate::account::account_nav()}
            <div class="account-main">
                <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(Some(list)) if list.is_empty() => view! { <p class="hint">{d.purchases_empty}</p> }.into_any(),
                            Ok(Some(list)) => view! {
                                <ul class="orders" aria-label=d.purchases_title>
                                    {list.into_iter().map(|p| view! {
                                        <li class="order-card">
                                            <a href=crate::catalog::product_path(p.product, &p.title)>{p.title.clone()}</a>
                                            <span class="hint">{fill(d.purchased_on, &[&date_ru(&date_of(p.at))])}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Ok(None) => require_sign_in("/account/purchases").into_any(),
                            Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </div>
    }
}
