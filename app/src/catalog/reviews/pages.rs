//! The reviews section of a product's page. Its markup is made on the server
//! (`render`) and put in as it comes: the section is the same with and without
//! JavaScript (its sort is plain links), so no code draws it in the browser.

use crate::catalog::reviews::api::get_reviews_section;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ReviewsSection(product: i64) -> impl IntoView {
    let q = use_query_map();
    let data = Resource::new(
        move || q.with(|q| q.get("reviews")),
        move |sort| get_reviews_section(product.to_string(), sort),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                data.await.ok().map(|html| view! { <div class="reviews-wrap" inner_html=html></div> })
            })}
        </Suspense>
    }
}
