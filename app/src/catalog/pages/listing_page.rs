use super::product_card::ProductGrid;
use crate::catalog::api::get_listing;
use crate::catalog::filters::{Filters, Notice, Sort, roubles_str};
use crate::catalog::model::{CategoryRef, Listing};
use crate::i18n::{Dict, fill, t, use_lang};
use crate::ui::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_location, use_params_map};

/// A category with its filters; the whole state is in the URL.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let location = use_location();
    let data = Resource::new(
        move || (params.with(|p| p.get("slug")), location.search.get()),
        |(slug, query)| get_listing(slug, query),
    );
    view! { <ListingView data/> }
}

/// Search results over the whole catalogue.
#[component]
pub fn SearchPage() -> impl IntoView {
    let location = use_location();
    let data = Resource::new(
        move || location.search.get(),
        |query| get_listing(None, query),
    );
    view! { <ListingView data/> }
}

#[component]
fn ListingView(data: Resource<Result<Listing, crate::shared::error::AppError>>) -> impl IntoView {
    let d = t();
    let location = use_location();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{d.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(listing) => view! { <ListingBody listing path=location.pathname.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn notice_text(d: &Dict, n: &Notice) -> String {
    match n {
        Notice::BadPrice(v) => fill(d.bad_price, &[v]),
        Notice::BadPage(v) => fill(d.bad_page, &[v]),
        Notice::BadSort(v) => fill(d.bad_sort, &[v]),
        Notice::BadBrand(v) => fill(d.bad_brand, &[v]),
        Notice::QueryTooLong(n) => fill(d.query_too_long, &[&n.to_string()]),
        Notice::PriceSwapped => d.price_range_swapped.to_string(),
    }
}

#[component]
fn Breadcrumbs(items: Vec<CategoryRef>) -> impl IntoView {
    let d = t();
    let last = items.len().saturating_sub(1);
    view! {
        <nav aria-label=d.breadcrumbs class="breadcrumbs">
            <ol>
                <li><a href="/">{d.home}</a></li>
                {items.into_iter().enumerate().map(|(i, c)| {
                    let href = format!("/category/{}", c.slug);
                    if i == last {
                        view! { <li><a href=href aria-current="page">{c.name}</a></li> }.into_any()
                    } else {
                        view! { <li><a href=href>{c.name}</a></li> }.into_any()
                    }
                }).collect_view()}
            </ol>
        </nav>
    }
}

#[component]
fn ListingBody(listing: Listing, path: String) -> impl IntoView {
    let d = t();
    let lang = use_lang();
    let title = match (&listing.filters.q, listing.breadcrumbs.last()) {
        (Some(q), _) => format!("{} «{}»", d.search_results_for, q),
        (None, Some(c)) => c.name.clone(),
        (None, None) => d.catalogue.to_string(),
    };
    let found = format!(
        "{} {}",
        d.found,
        d.products.count(lang, listing.total as u64)
    );
    let notices: Vec<String> = listing.notices.iter().map(|n| notice_text(d, n)).collect();
    let reset_href = match &listing.filters.q {
        Some(_) => format!(
            "{path}{}",
            Filters {
                q: listing.filters.q.clone(),
                ..Default::default()
            }
            .to_query(1)
        ),
        None => path.clone(),
    };
    let empty = listing.items.is_empty();
    view! {
        <Title text=crate::ui::title_text(format!("{title} — Rynok"))/>
        <Breadcrumbs items=listing.breadcrumbs.clone()/>
        <h1>{title}</h1>
        {(!notices.is_empty()).then(|| view! {
            <ul class="notices" role="status">
                {notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        })}
        {(!listing.subcategories.is_empty()).then(|| view! {
            <ul class="chips">
                {listing.subcategories.iter().map(|c| view! {
                    <li><a href=format!("/category/{}", c.slug)>{c.name.clone()}</a></li>
                }).collect_view()}
            </ul>
        })}
        <div class="listing">
            <FiltersForm listing=listing.clone() path=path.clone() reset_href=reset_href.clone()/>
            <section class="results" aria-label=d.found>
                <p class="found" role="status">{found}</p>
                {if empty {
                    view! {
                        <div class="nothing-found">
                            <h2>{d.nothing_found}</h2>
                            <p>{d.nothing_found_hint}</p>
                            <a href=reset_href class="button">{d.reset}</a>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <ProductGrid items=listing.items.clone() label=d.found.to_string()/>
                        <Pagination filters=listing.filters.clone() page=listing.page pages=listing.pages path/>
                    }.into_any()
                }}
            </section>
        </div>
    }
}

#[component]
fn FiltersForm(listing: Listing, path: String, reset_href: String) -> impl IntoView {
    let d = t();
    let f = listing.filters.clone();
    let facets = listing.facets.clone();
    let sort_options = [
        (Sort::Popular, d.sort_popular),
        (Sort::Cheap, d.sort_cheap),
        (Sort::Dear, d.sort_dear),
        (Sort::Rating, d.sort_rating),
        (Sort::New, d.sort_new),
    ];
    let price_hint =
        |m: Option<crate::shared::money::Money>| m.map(roubles_str).unwrap_or_default();
    view! {
        <aside class="filters" aria-label=d.filters>
            <Form method="GET" action=path>
                <h2>{d.filters}</h2>
                {f.q.clone().map(|q| view! { <input type="hidden" name="q" value=q/> })}
                <fieldset>
                    <legend>{d.price}</legend>
                    <label for="price-min" class="visually-hidden">{d.price_from}</label>
                    <input id="price-min" name="price_min" inputmode="decimal" maxlength="15" aria-label=d.price_from
                        placeholder=price_hint(facets.price_min) value=f.price_min.map(roubles_str).unwrap_or_default()/>
                    <label for="price-max" class="visually-hidden">{d.price_to}</label>
                    <input id="price-max" name="price_max" inputmode="decimal" maxlength="15" aria-label=d.price_to
                        placeholder=price_hint(facets.price_max) value=f.price_max.map(roubles_str).unwrap_or_default()/>
                </fieldset>
                {(!facets.brands.is_empty()).then(|| view! {
                    <fieldset class="brands">
                        <legend>{d.brand}</legend>
                        {facets.brands.iter().map(|b| {
                            let id = format!("brand-{}", b.id);
                            view! {
                                <div class="check">
                                    <input type="checkbox" id=id.clone() name="brand" value=b.id.to_string() checked=f.brands.contains(&b.id)/>
                                    <label for=id>{b.name.clone()}" "<span class="count">{b.count}</span></label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                })}
                <div class="check">
                    <input type="checkbox" id="in-stock" name="in_stock" value="1" checked=f.in_stock/>
                    <label for="in-stock">{d.in_stock_only}" "<span class="count">{facets.in_stock}</span></label>
                </div>
                <div class="check">
                    <input type="checkbox" id="rating-4" name="rating" value="4" checked=f.rating_4_plus/>
                    <label for="rating-4">{d.rating_4_plus}" "<span class="count">{facets.rating_4_plus}</span></label>
                </div>
                <label for="sort">{d.sort_by}</label>
                <select id="sort" name="sort">
                    {f.q.is_some().then(|| view! {
                        <option value="relevance" selected={f.sort == Sort::Relevance}>{d.sort_relevance}</option>
                    })}
                    {sort_options.into_iter().map(|(s, label)| view! {
                        <option value=s.code() selected={f.sort == s}>{label}</option>
                    }).collect_view()}
                </select>
                <div class="filter-actions">
                    <button type="submit">{d.apply}</button>
                    <a href=reset_href>{d.reset}</a>
                </div>
            </Form>
        </aside>
    }
}

#[component]
fn Pagination(filters: Filters, page: u32, pages: u32, path: String) -> impl IntoView {
    let d = t();
    (pages > 1).then(|| {
        let link = |p: u32| format!("{path}{}", filters.to_query(p));
        let mut shown: Vec<u32> = vec![1, pages];
        shown.extend(page.saturating_sub(2).max(1)..=(page + 2).min(pages));
        shown.sort_unstable();
        shown.dedup();
        let mut prev_num = 0;
        let mut cells = Vec::new();
        for p in shown {
            if p > prev_num + 1 {
                cells.push(view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any());
            }
            prev_num = p;
            cells.push(if p == page {
                view! { <li><a href=link(p) aria-current="page" aria-label=format!("{} {p}", d.page)>{p}</a></li> }.into_any()
            } else {
                view! { <li><a href=link(p) aria-label=format!("{} {p}", d.page)>{p}</a></li> }.into_any()
            });
        }
        view! {
            <nav class="pagination" aria-label=d.pagination>
                {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{d.prev_page}</a> })}
                <ul>{cells}</ul>
                {(page < pages).then(|| view! { <a href=link(page + 1) rel="next">{d.next_page}</a> })}
            </nav>
        }
    })
}
