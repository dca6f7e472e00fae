use super::product_card::ProductGrid;
use crate::catalog::api::get_home;
use crate::i18n::t;
use crate::ui::ErrorView;
use leptos::prelude::*;

/// Category tiles and the most popular products.
#[component]
pub fn HomePage() -> impl IntoView {
    let d = t();
    let home = Resource::new(|| (), |_| get_home());
    view! {
        <Suspense fallback=move || view! { <p class="loading">{d.loading}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(h) => view! {
                        <h1 class="visually-hidden">{d.site_title}</h1>
                        <p class="tagline">{d.tagline}</p>
                        <section aria-labelledby="popular-categories">
                            <h2 id="popular-categories">{d.popular_categories}</h2>
                            <ul class="tiles">
                                {h.categories.into_iter().map(|c| view! {
                                    <li class="tile">
                                        <a href=format!("/category/{}", c.slug) class="tile-link">{c.name}</a>
                                        <ul class="tile-children">
                                            {c.children.into_iter().take(4).map(|ch| view! {
                                                <li><a href=format!("/category/{}", ch.slug)>{ch.name}</a></li>
                                            }).collect_view()}
                                        </ul>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                        <section aria-labelledby="recommended">
                            <h2 id="recommended">{d.recommended}</h2>
                            <ProductGrid items=h.popular label=d.recommended.to_string()/>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
