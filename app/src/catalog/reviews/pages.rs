//! The reviews section of a product's page: how many of each rating, the order
//! (plain links, so it works without JavaScript), and a page of reviews.

use crate::catalog::reviews::api::get_reviews;
use crate::catalog::reviews::i18n::sort_text;
use crate::catalog::reviews::model::{Review, ReviewPage, ReviewSort};
use crate::i18n::{Lang, fill, use_lang};
use crate::shared::time::{date_of, date_ru};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ReviewsSection(product: i64) -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map();
    let data = Resource::new(
        move || q.with(|q| q.get("reviews")),
        move |sort| get_reviews(product.to_string(), sort),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                data.await.ok().map(|p| section(lang, p))
            })}
        </Suspense>
    }
}

fn section(lang: Lang, p: ReviewPage) -> impl IntoView + use<> {
    let d = lang.reviews();
    let counts = (p.total > 0).then(|| {
        let rows = (1..=5)
            .rev()
            .map(|s| {
                let n = p.by_stars[s - 1];
                view! { <li>{fill(d.by_stars, &[&s.to_string(), &n.to_string()])}</li> }
            })
            .collect_view();
        view! { <ul class="review-counts">{rows}</ul> }
    });
    let sorts = (p.total > 1).then(|| {
        let links = ReviewSort::ALL
            .iter()
            .map(|s| {
                let current = *s == p.sort;
                view! {
                    <a href=format!("?reviews={}#reviews", s.as_str()) aria-current=current.then_some("true")>
                        {sort_text(lang, *s)}
                    </a>
                }
            })
            .collect_view();
        view! { <nav class="review-sort" aria-label=d.sort_label>{d.sort_label} ": " {links}</nav> }
    });
    let list = if p.reviews.is_empty() {
        view! { <p>{d.none}</p> }.into_any()
    } else {
        let items = p
            .reviews
            .into_iter()
            .map(|r| review(lang, r))
            .collect_view();
        view! { <ul class="reviews" data-testid="reviews">{items}</ul> }.into_any()
    };
    view! {
        <section class="reviews-section" id="reviews" aria-labelledby="reviews-title">
            <h2 id="reviews-title">{d.title} " (" {p.total} ")"</h2>
            {counts}
            {sorts}
            {list}
            <p class="hint">{d.how_to}</p>
        </section>
    }
}

fn review(lang: Lang, r: Review) -> impl IntoView + use<> {
    let d = lang.reviews();
    let stars: String = (1..=5)
        .map(|i| if i <= r.rating { '★' } else { '☆' })
        .collect();
    let author = if r.author.is_empty() {
        d.anonymous.to_string()
    } else {
        r.author
    };
    let photos = (!r.photos.is_empty()).then(|| {
        r.photos
            .iter()
            .map(|id| {
                view! {
                    <a href=format!("/reviews/photo/{id}")>
                        <img src=format!("/reviews/photo/{id}/thumb") alt=d.photo_alt width="96" height="96" loading="lazy"/>
                    </a>
                }
            })
            .collect_view()
    });
    view! {
        <li class="review">
            <p>
                <span class="stars" role="img" aria-label=fill(d.stars, &[&r.rating.to_string()])>{stars}</span>
                " " <strong>{author}</strong>
                " · " <span class="hint">{date_ru(&date_of(r.created_at))}</span>
            </p>
            {(!r.body.is_empty()).then(|| view! { <p class="review-body">{r.body}</p> })}
            {photos.map(|p| view! { <div class="review-photos">{p}</div> })}
        </li>
    }
}
