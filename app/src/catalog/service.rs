//! The catalogue's use cases: the category tree (cached), the home page, a
//! listing with its facets, a product page, search suggestions.

use crate::catalog::filters::{Filters, Notice, PAGE_SIZE};
use crate::catalog::model::*;
use crate::catalog::repo::{self, CategoryRow, Scope, search};
use crate::catalog::tally;
use crate::i18n::Lang;
use crate::platform::db::Db;
use crate::shared::error::{AppError, AppResult};
use crate::shared::money::Money;
use std::sync::Arc;

fn category_ref(c: &CategoryRow, lang: Lang) -> CategoryRef {
    CategoryRef {
        slug: c.slug.clone(),
        name: if lang == Lang::En {
            c.name_en.clone()
        } else {
            c.name_ru.clone()
        },
    }
}

/// The category tree, from a cache refreshed every 30 seconds: it is read by every
/// page and changes rarely.
async fn all_categories(db: &Db) -> AppResult<Arc<Vec<CategoryRow>>> {
    const FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(30);
    if let Some(cached) = db.cache.get::<Vec<CategoryRow>>(FRESH_FOR) {
        return Ok(cached);
    }
    let fresh = Arc::new(repo::categories(db).await?);
    db.cache.put(fresh.clone());
    Ok(fresh)
}

/// The category tree for the catalogue menu and the home page tiles.
#[tracing::instrument(skip(db))]
pub async fn menu(db: &Db, lang: Lang) -> AppResult<Vec<CategoryTile>> {
    let cats = all_categories(db).await?;
    Ok(cats
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|root| CategoryTile {
            slug: root.slug.clone(),
            name: category_ref(root, lang).name,
            product_count: 0,
            children: cats
                .iter()
                .filter(|c| c.parent_id == Some(root.id))
                .map(|c| category_ref(c, lang))
                .collect(),
        })
        .collect())
}

#[tracing::instrument(skip(db))]
pub async fn home(db: &Db, lang: Lang) -> AppResult<Home> {
    Ok(Home {
        categories: menu(db, lang).await?,
        popular: repo::popular(db, 24).await?,
    })
}

/// Where a listing's products come from, with its breadcrumbs and subcategories;
/// an unknown category is `NotFound`.
fn scope_of(
    cats: &[CategoryRow],
    lang: Lang,
    category: Option<&str>,
) -> AppResult<(Scope, Vec<CategoryRef>, Vec<CategoryRef>)> {
    let mut scope = Scope {
        category: None,
        search: None,
    };
    let (mut breadcrumbs, mut subcategories) = (Vec::new(), Vec::new());
    if let Some(slug) = category {
        let cat = cats
            .iter()
            .find(|c| c.slug == slug)
            .ok_or(AppError::NotFound)?;
        let children_of = |id: i64| -> Vec<CategoryRef> {
            cats.iter()
                .filter(|c| c.parent_id == Some(id))
                .map(|c| category_ref(c, lang))
                .collect()
        };
        if let Some(parent) = cat
            .parent_id
            .and_then(|pid| cats.iter().find(|c| c.id == pid))
        {
            breadcrumbs.push(category_ref(parent, lang));
            subcategories = children_of(parent.id);
            scope.category = Some(("p.category_id", cat.id));
        } else {
            subcategories = children_of(cat.id);
            scope.category = Some(("p.root_category_id", cat.id));
        }
        breadcrumbs.push(category_ref(cat, lang));
    }
    Ok((scope, breadcrumbs, subcategories))
}

fn pages_of(total: i64) -> u32 {
    ((total + PAGE_SIZE as i64 - 1) / PAGE_SIZE as i64) as u32
}

/// The offset of the requested page; a page past the end shows the first, with a notice.
fn page_offset(filters: &mut Filters, total: i64, notices: &mut Vec<Notice>) -> usize {
    let pages = pages_of(total);
    if pages > 0 && filters.page > pages {
        notices.push(Notice::BadPage(filters.page.to_string()));
        filters.page = 1;
    }
    ((filters.page - 1) * PAGE_SIZE) as usize
}

/// Brand facets with their names, alphabetically.
async fn brand_facets(db: &Db, counts: &[(i64, i64)]) -> AppResult<Vec<BrandFacet>> {
    let ids: Vec<i64> = counts.iter().map(|(id, _)| *id).collect();
    let names = repo::brand_names(db, &ids).await?;
    let mut out: Vec<BrandFacet> = counts
        .iter()
        .filter_map(|(id, count)| {
            let name = names.iter().find(|(n, _)| n == id)?.1.clone();
            Some(BrandFacet {
                id: *id,
                name,
                count: *count,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// A category page or search results, with facets. `category` is a slug.
#[tracing::instrument(skip(db))]
pub async fn listing(
    db: &Db,
    lang: Lang,
    category: Option<&str>,
    filters: Filters,
    mut notices: Vec<Notice>,
) -> AppResult<Listing> {
    let cats = all_categories(db).await?;
    let (mut scope, breadcrumbs, subcategories) = scope_of(&cats, lang, category)?;
    let mut listing = Listing {
        breadcrumbs,
        subcategories,
        items: Vec::new(),
        total: 0,
        page: 1,
        pages: 0,
        facets: Facets::default(),
        filters: Filters::default(),
        notices: Vec::new(),
    };
    if let Some(q) = &filters.q {
        match search::query_terms(q) {
            Some(terms) => scope.search = Some(terms),
            None => {
                listing.filters = filters;
                listing.notices = notices;
                return Ok(listing);
            }
        }
    }
    let mut filters = filters;
    let (facets, total, items) = match &scope.search {
        Some(expr) => {
            // One match; counts, facets and the page come from its rows.
            let hits = repo::search_hits(db, &scope, expr).await?;
            let t = tally::tally(&hits, &filters);
            let offset = page_offset(&mut filters, t.total, &mut notices);
            let ids = tally::page_ids(&hits, &filters, offset, PAGE_SIZE as usize);
            let facets = Facets {
                brands: brand_facets(db, &t.brands).await?,
                in_stock: t.in_stock,
                rating_4_plus: t.rating_4_plus,
                price_min: t.price_min.map(Money::from_kopecks),
                price_max: t.price_max.map(Money::from_kopecks),
            };
            (facets, t.total, repo::cards_by_ids(db, &ids).await?)
        }
        None => {
            // A category: its counts come from covering indexes, without reading rows.
            let bounds = repo::bounds(db, &scope, &filters).await?;
            // Without narrowing filters the whole scope is the result: one query fewer.
            let total = if filters.narrows() {
                repo::count(db, &scope, &filters).await?
            } else {
                bounds.n
            };
            let mut brands = repo::brand_facets(db, &scope, &filters).await?;
            brands.sort_by(|a, b| a.name.cmp(&b.name));
            let facets = Facets {
                brands,
                in_stock: bounds.in_stock,
                rating_4_plus: bounds.good,
                price_min: bounds.lo.map(Money::from_kopecks),
                price_max: bounds.hi.map(Money::from_kopecks),
            };
            let offset = page_offset(&mut filters, total, &mut notices);
            let items = repo::page(db, &scope, &filters, PAGE_SIZE as i64, offset as i64).await?;
            (facets, total, items)
        }
    };
    let pages = pages_of(total);
    listing.facets = facets;
    listing.items = items;
    listing.total = total;
    listing.page = filters.page;
    listing.pages = pages;
    listing.filters = filters;
    listing.notices = notices;
    Ok(listing)
}

#[tracing::instrument(skip(db))]
pub async fn product(db: &Db, lang: Lang, id: i64, public_url: &str) -> AppResult<ProductDetail> {
    let row = repo::product(db, id).await?.ok_or(AppError::NotFound)?;
    let attributes = repo::attributes(db, id).await?;
    let cats = all_categories(db).await?;
    let mut breadcrumbs = Vec::new();
    if let Some(leaf) = cats.iter().find(|c| c.id == row.category_id) {
        if let Some(parent) = leaf
            .parent_id
            .and_then(|pid| cats.iter().find(|c| c.id == pid))
        {
            breadcrumbs.push(category_ref(parent, lang));
        }
        breadcrumbs.push(category_ref(leaf, lang));
    }
    let canonical_url = format!("{}{}", public_url.trim_end_matches('/'), row.card.url());
    Ok(ProductDetail {
        description: row.description,
        seller: row.seller,
        seller_ships: row.seller_ships,
        favourite: None,
        orders_count: row.orders_count,
        image_count: row.image_count,
        attributes,
        breadcrumbs,
        canonical_url,
        card: row.card,
    })
}

/// Up to six products and three categories for the search box.
#[tracing::instrument(skip(db))]
pub async fn suggest(db: &Db, lang: Lang, query: &str) -> AppResult<Vec<Suggestion>> {
    let Some(terms) = search::query_terms(query) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let cats = all_categories(db).await?;
    for c in cats.iter().filter(|c| c.parent_id.is_some()) {
        let name = category_ref(c, lang).name;
        let stems = search::index_text(&name);
        if terms
            .iter()
            .all(|t| stems.split(' ').any(|s| s.starts_with(t.as_str())))
            && out.len() < 3
        {
            out.push(Suggestion {
                label: name,
                url: format!("/category/{}", c.slug),
            });
        }
    }
    for (id, title) in repo::best_matches(db, &terms, 6).await? {
        out.push(Suggestion {
            url: product_path(id, &title),
            label: title,
        });
    }
    Ok(out)
}

/// Seller `seller`'s products for its staff: (id, title, price, stock), those in
/// stock first, at most 50.
pub async fn seller_products(db: &Db, seller: i64) -> AppResult<Vec<(i64, String, Money, i64)>> {
    Ok(repo::seller_products(db, seller, 50)
        .await?
        .into_iter()
        .map(|(id, title, price, stock)| (id, title, Money::from_kopecks(price), stock))
        .collect())
}

/// The most a seller may say it has of one product.
pub const MAX_STOCK: i64 = 1_000_000;

/// Seller `seller` sets product `id`'s stock to `stock` (0 to `MAX_STOCK`); back
/// from none, everyone who asked is told in the same transaction. Not found when
/// the seller does not sell it.
pub async fn set_stock(db: &Db, now: i64, seller: i64, id: i64, stock: i64) -> AppResult<()> {
    if !(0..=MAX_STOCK).contains(&stock) {
        return Err(AppError::invalid(
            crate::shared::error::Field::Quantity,
            crate::shared::error::Problem::OutOfRange,
        ));
    }
    let mut tx = db.begin_write().await?;
    let (title, old) = repo::set_stock(&mut tx, seller, id, stock)
        .await?
        .ok_or(AppError::NotFound)?;
    if old == 0 && stock > 0 {
        crate::catalog::alerts::service::restocked_in(&mut tx, now, id, &title).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The highest price a product may have: 10,000,000 ₽.
pub const MAX_PRICE: Money = Money::from_kopecks(1_000_000_000);

/// Product `id`'s seller and title, if it exists.
pub async fn seller_of(db: &Db, id: i64) -> AppResult<Option<(i64, String)>> {
    Ok(repo::seller_of(db, id).await?)
}

/// Seller `seller` sets product `id`'s price to `price` (above zero, at most
/// `MAX_PRICE`); lower than before, everyone following its price who knew more is
/// told in the same transaction. Not found when the seller does not sell it.
/// Carts keep the price they saw: checkout asks again (see `checkout`).
pub async fn set_price(db: &Db, now: i64, seller: i64, id: i64, price: Money) -> AppResult<()> {
    if price <= Money::ZERO || price > MAX_PRICE {
        return Err(AppError::invalid(
            crate::shared::error::Field::Amount,
            crate::shared::error::Problem::OutOfRange,
        ));
    }
    let mut tx = db.begin_write().await?;
    let (title, old) = repo::set_price(&mut tx, seller, id, price.kopecks())
        .await?
        .ok_or(AppError::NotFound)?;
    if price.kopecks() < old {
        crate::catalog::alerts::service::price_changed_in(&mut tx, now, id, &title, price).await?;
    }
    tx.commit().await?;
    Ok(())
}
