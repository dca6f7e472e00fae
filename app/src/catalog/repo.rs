//! Catalogue SQL. Portable between SQLite and Postgres except for the search
//! subquery, which `search::match_subquery` supplies per backend.

use crate::catalog::filters::{Filters, Notice, PAGE_SIZE, Sort};
use crate::catalog::model::*;
use crate::catalog::search;
use crate::i18n::Lang;
use crate::platform::db::{Arg, Db, SqlBuf};
use crate::shared::error::{AppError, AppResult};
use crate::shared::money::Money;
use sqlx::Row;
use sqlx::any::AnyRow;

const CARD_COLUMNS: &str =
    "p.id, p.title, b.name AS brand, p.price, p.old_price, p.rating, p.rating_count, p.stock";

/// A product tile from a row selected with the card columns.
pub fn card_from_row(r: &AnyRow) -> Result<ProductCard, sqlx::Error> {
    Ok(ProductCard {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        brand: r.try_get("brand")?,
        price: Money::from_kopecks(r.try_get("price")?),
        old_price: r
            .try_get::<Option<i64>, _>("old_price")?
            .map(Money::from_kopecks),
        rating: Rating {
            hundredths: r.try_get("rating")?,
            count: r.try_get("rating_count")?,
        },
        stock: r.try_get("stock")?,
    })
}

#[derive(Debug, Clone)]
pub struct CategoryRow {
    id: i64,
    parent_id: Option<i64>,
    slug: String,
    name_ru: String,
    name_en: String,
}

impl CategoryRow {
    fn into_ref(self, lang: Lang) -> CategoryRef {
        CategoryRef {
            slug: self.slug,
            name: if lang == Lang::En {
                self.name_en
            } else {
                self.name_ru
            },
        }
    }
}

/// The category tree, from a cache refreshed every 30 seconds: it is read by every
/// page and changes rarely.
async fn all_categories(db: &Db) -> Result<std::sync::Arc<Vec<CategoryRow>>, sqlx::Error> {
    const FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(30);
    if let Some(cached) = db.cache.get::<Vec<CategoryRow>>(FRESH_FOR) {
        return Ok(cached);
    }
    let fresh = std::sync::Arc::new(load_categories(db).await?);
    db.cache.put(fresh.clone());
    Ok(fresh)
}

async fn load_categories(db: &Db) -> Result<Vec<CategoryRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, parent_id, slug, name_ru, name_en FROM categories ORDER BY position, id",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(CategoryRow {
                id: r.try_get("id")?,
                parent_id: r.try_get("parent_id")?,
                slug: r.try_get("slug")?,
                name_ru: r.try_get("name_ru")?,
                name_en: r.try_get("name_en")?,
            })
        })
        .collect()
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
            name: root.clone().into_ref(lang).name,
            product_count: 0,
            children: cats
                .iter()
                .filter(|c| c.parent_id == Some(root.id))
                .map(|c| c.clone().into_ref(lang))
                .collect(),
        })
        .collect())
}

#[tracing::instrument(skip(db))]
pub async fn home(db: &Db, lang: Lang) -> AppResult<Home> {
    let categories = menu(db, lang).await?;
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM products p JOIN brands b ON b.id = p.brand_id \
         ORDER BY p.orders_count DESC, p.id LIMIT 24"
    );
    let popular = sqlx::query(&sql)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(card_from_row)
        .collect::<Result<_, _>>()?;
    Ok(Home {
        categories,
        popular,
    })
}

/// The part of a listing query every variant shares: where the products come from.
struct Scope {
    /// `("p.category_id", id)` or `("p.root_category_id", id)`.
    category: Option<(&'static str, i64)>,
    /// The backend's match expression for the search terms.
    search: Option<String>,
}

#[derive(Clone, Copy)]
struct Skip {
    brand: bool,
    narrowing: bool,
    /// Join the scored search subquery (only the page of items sorted by relevance
    /// needs scores; counts and facets only need to know what matches).
    ranked: bool,
}

impl Scope {
    fn sql_from_where(&self, db: &Db, f: &Filters, skip: Skip) -> SqlBuf {
        let mut b = SqlBuf::new(" FROM products p");
        let mut filter = None;
        if let Some(expr) = &self.search {
            let ph = b.placeholder(Arg::Text(expr.clone()));
            if skip.ranked {
                b.push(" JOIN (")
                    .push(&search::match_subquery(db.backend, &ph))
                    .push(") s ON s.pid = p.id");
            } else {
                filter = Some(search::match_filter(db.backend, &ph));
            }
        }
        b.push(" WHERE 1 = 1");
        if let Some(f) = filter {
            b.push(" AND ").push(&f);
        }
        if let Some((col, id)) = self.category {
            b.push(&format!(" AND {col} = ")).bind(Arg::I64(id));
        }
        if !skip.narrowing {
            if let Some(m) = f.price_min {
                b.push(" AND p.price >= ").bind(Arg::I64(m.kopecks()));
            }
            if let Some(m) = f.price_max {
                b.push(" AND p.price <= ").bind(Arg::I64(m.kopecks()));
            }
            if f.in_stock {
                b.push(" AND p.stock > 0");
            }
            if f.rating_4_plus {
                b.push(" AND p.rating >= 400");
            }
            if !skip.brand && !f.brands.is_empty() {
                b.push(" AND p.brand_id IN (");
                for (i, id) in f.brands.iter().enumerate() {
                    if i > 0 {
                        b.push(", ");
                    }
                    b.bind(Arg::I64(*id));
                }
                b.push(")");
            }
        }
        b
    }
}

fn order_by(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => " ORDER BY s.score, p.orders_count DESC, p.id",
        Sort::Popular => " ORDER BY p.orders_count DESC, p.id",
        Sort::Cheap => " ORDER BY p.price, p.id",
        Sort::Dear => " ORDER BY p.price DESC, p.id",
        Sort::Rating => " ORDER BY p.rating DESC, p.rating_count DESC, p.id",
        Sort::New => " ORDER BY p.created_at DESC, p.id DESC",
    }
}

/// A category page or search results, with facets. `category` is a slug; an unknown
/// one is `NotFound`.
#[tracing::instrument(skip(db))]
pub async fn listing(
    db: &Db,
    lang: Lang,
    category: Option<&str>,
    filters: Filters,
    mut notices: Vec<Notice>,
) -> AppResult<Listing> {
    let cats = all_categories(db).await?;
    let mut breadcrumbs = Vec::new();
    let mut subcategories = Vec::new();
    let mut scope = Scope {
        category: None,
        search: None,
    };
    if let Some(slug) = category {
        let cat = cats
            .iter()
            .find(|c| c.slug == slug)
            .ok_or(AppError::NotFound)?;
        if let Some(parent) = cat
            .parent_id
            .and_then(|pid| cats.iter().find(|c| c.id == pid))
        {
            breadcrumbs.push(parent.clone().into_ref(lang));
            subcategories = cats
                .iter()
                .filter(|c| c.parent_id == Some(parent.id))
                .map(|c| c.clone().into_ref(lang))
                .collect();
            scope.category = Some(("p.category_id", cat.id));
        } else {
            subcategories = cats
                .iter()
                .filter(|c| c.parent_id == Some(cat.id))
                .map(|c| c.clone().into_ref(lang))
                .collect();
            scope.category = Some(("p.root_category_id", cat.id));
        }
        breadcrumbs.push(cat.clone().into_ref(lang));
    }
    let empty = |filters: Filters, notices: Vec<Notice>, breadcrumbs, subcategories| Listing {
        breadcrumbs,
        subcategories,
        items: Vec::new(),
        total: 0,
        page: 1,
        pages: 0,
        facets: Facets::default(),
        filters,
        notices,
    };
    if let Some(q) = &filters.q {
        match search::query_terms(q) {
            Some(terms) => scope.search = Some(search::match_expr(db.backend, &terms)),
            None => return Ok(empty(filters, notices, breadcrumbs, subcategories)),
        }
    }

    let all = Skip {
        brand: false,
        narrowing: false,
        ranked: false,
    };
    let mut bounds = scope.sql_from_where(
        db,
        &filters,
        Skip {
            brand: true,
            narrowing: true,
            ranked: false,
        },
    );
    bounds.sql.insert_str(
        0,
        "SELECT COUNT(*) AS n, MIN(p.price) AS lo, MAX(p.price) AS hi, \
         COUNT(CASE WHEN p.stock > 0 THEN 1 END) AS in_stock, \
         COUNT(CASE WHEN p.rating >= 400 THEN 1 END) AS good",
    );
    let row = bounds.query().fetch_one(&db.pool).await?;
    let narrowed = filters.price_min.is_some()
        || filters.price_max.is_some()
        || filters.in_stock
        || filters.rating_4_plus
        || !filters.brands.is_empty();
    // Without narrowing filters the whole scope is the result: one query fewer.
    let total: i64 = if narrowed {
        let mut count = scope.sql_from_where(db, &filters, all);
        count.sql.insert_str(0, "SELECT COUNT(*) AS n");
        count.query().fetch_one(&db.pool).await?.try_get("n")?
    } else {
        row.try_get("n")?
    };
    let mut facets = Facets {
        brands: Vec::new(),
        in_stock: row.try_get("in_stock")?,
        rating_4_plus: row.try_get("good")?,
        price_min: row
            .try_get::<Option<i64>, _>("lo")?
            .map(Money::from_kopecks),
        price_max: row
            .try_get::<Option<i64>, _>("hi")?
            .map(Money::from_kopecks),
    };

    let mut brands = scope.sql_from_where(
        db,
        &filters,
        Skip {
            brand: true,
            narrowing: false,
            ranked: false,
        },
    );
    brands
        .sql
        .insert_str(0, "SELECT b.id, b.name, COUNT(*) AS n");
    brands.sql = brands.sql.replacen(
        " FROM products p",
        " FROM products p JOIN brands b ON b.id = p.brand_id",
        1,
    );
    brands.push(" GROUP BY b.id, b.name ORDER BY COUNT(*) DESC, b.name LIMIT 30");
    for r in brands.query().fetch_all(&db.pool).await? {
        facets.brands.push(BrandFacet {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            count: r.try_get("n")?,
        });
    }
    facets.brands.sort_by(|a, b| a.name.cmp(&b.name));

    let pages = ((total + PAGE_SIZE as i64 - 1) / PAGE_SIZE as i64) as u32;
    let mut filters = filters;
    if pages > 0 && filters.page > pages {
        notices.push(Notice::BadPage(filters.page.to_string()));
        filters.page = 1;
    }
    let ranked = Skip {
        ranked: filters.sort == Sort::Relevance,
        ..all
    };
    let mut items_q = scope.sql_from_where(db, &filters, ranked);
    items_q.sql.insert_str(0, &format!("SELECT {CARD_COLUMNS}"));
    items_q.sql = items_q.sql.replacen(
        " FROM products p",
        " FROM products p JOIN brands b ON b.id = p.brand_id",
        1,
    );
    items_q.push(order_by(filters.sort));
    items_q.push(" LIMIT ").bind(Arg::I64(PAGE_SIZE as i64));
    items_q
        .push(" OFFSET ")
        .bind(Arg::I64(((filters.page - 1) * PAGE_SIZE) as i64));
    let items = items_q
        .query()
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(card_from_row)
        .collect::<Result<_, _>>()?;

    Ok(Listing {
        breadcrumbs,
        subcategories,
        items,
        total,
        page: filters.page,
        pages,
        facets,
        filters,
        notices,
    })
}

#[tracing::instrument(skip(db))]
pub async fn product(db: &Db, lang: Lang, id: i64, public_url: &str) -> AppResult<ProductDetail> {
    let sql = format!(
        "SELECT {CARD_COLUMNS}, p.description, p.orders_count, p.image_count, p.category_id, s.name AS seller \
         FROM products p JOIN brands b ON b.id = p.brand_id JOIN sellers s ON s.id = p.seller_id WHERE p.id = $1"
    );
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let card = card_from_row(&row)?;
    let category_id: i64 = row.try_get("category_id")?;
    let attributes = sqlx::query(
        "SELECT name, value FROM product_attributes WHERE product_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("name")?, r.try_get("value")?)))
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let cats = all_categories(db).await?;
    let mut breadcrumbs = Vec::new();
    if let Some(leaf) = cats.iter().find(|c| c.id == category_id) {
        if let Some(parent) = leaf
            .parent_id
            .and_then(|pid| cats.iter().find(|c| c.id == pid))
        {
            breadcrumbs.push(parent.clone().into_ref(lang));
        }
        breadcrumbs.push(leaf.clone().into_ref(lang));
    }
    let canonical_url = format!("{}{}", public_url.trim_end_matches('/'), card.url());
    Ok(ProductDetail {
        description: row.try_get("description")?,
        seller: row.try_get("seller")?,
        orders_count: row.try_get("orders_count")?,
        image_count: row.try_get("image_count")?,
        attributes,
        breadcrumbs,
        canonical_url,
        card,
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
        let name = c.clone().into_ref(lang).name;
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
    let mut b = SqlBuf::new("SELECT p.id, p.title FROM products p JOIN (");
    b.push(&search::match_subquery(db.backend, "$1"));
    b.push(") s ON s.pid = p.id ORDER BY s.score, p.orders_count DESC LIMIT 6");
    let q = sqlx::query(&b.sql).bind(search::match_expr(db.backend, &terms));
    for r in q.fetch_all(&db.pool).await? {
        let id: i64 = r.try_get("id")?;
        let title: String = r.try_get("title")?;
        out.push(Suggestion {
            url: product_path(id, &title),
            label: title,
        });
    }
    Ok(out)
}
