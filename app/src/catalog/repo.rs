//! Catalogue SQL, nothing else. Portable between SQLite and Postgres except for
//! the full-text match, which `search` supplies per backend.

pub mod search;
mod stock;

pub use stock::{seller_products, set_price, set_stock};

use crate::catalog::filters::{Filters, Sort};
use crate::catalog::model::*;
use crate::catalog::tally::Hit;
use crate::platform::db::{Arg, Db, SqlBuf};
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

fn cards(rows: &[AnyRow]) -> Result<Vec<ProductCard>, sqlx::Error> {
    rows.iter().map(card_from_row).collect()
}

/// A category as stored: both names, its parent.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CategoryRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub name_ru: String,
    pub name_en: String,
}

pub async fn categories(db: &Db) -> Result<Vec<CategoryRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, parent_id, slug, name_ru, name_en FROM categories ORDER BY position, id",
    )
    .fetch_all(&db.pool)
    .await
}

/// The most ordered products, for the home page.
pub async fn popular(db: &Db, limit: i64) -> Result<Vec<ProductCard>, sqlx::Error> {
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM products p JOIN brands b ON b.id = p.brand_id \
         ORDER BY p.orders_count DESC, p.id LIMIT $1"
    );
    cards(&sqlx::query(&sql).bind(limit).fetch_all(&db.pool).await?)
}

/// Where a listing's products come from.
pub struct Scope {
    /// `("p.category_id", id)` or `("p.root_category_id", id)`.
    pub category: Option<(&'static str, i64)>,
    /// The search's terms (stems). A search is matched once ([`search_hits`]); the
    /// queries below serve category pages.
    pub search: Option<Vec<String>>,
}

#[derive(Clone, Copy)]
pub struct Skip {
    pub brand: bool,
    pub narrowing: bool,
}

impl Skip {
    /// Every filter applies.
    pub const NONE: Skip = Skip {
        brand: false,
        narrowing: false,
    };
}

impl Scope {
    /// `FROM ... WHERE ...` of a category listing: answered from the covering
    /// indexes on (category, brand, price, stock, rating).
    fn sql_from_where(&self, f: &Filters, skip: Skip) -> SqlBuf {
        let mut b = SqlBuf::new(" FROM products p WHERE 1 = 1");
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
                b.push(" AND p.brand_id IN ").bind_list(&f.brands);
            }
        }
        b
    }
}

fn order_by(sort: Sort) -> &'static str {
    match sort {
        // Relevance needs a search, and a search never reaches these queries.
        Sort::Relevance | Sort::Popular => " ORDER BY p.orders_count DESC, p.id",
        Sort::Cheap => " ORDER BY p.price, p.id",
        Sort::Dear => " ORDER BY p.price DESC, p.id",
        Sort::Rating => " ORDER BY p.rating DESC, p.rating_count DESC, p.id",
        Sort::New => " ORDER BY p.created_at DESC, p.id DESC",
    }
}

/// Count, price bounds and the in-stock and 4★+ counts of the scope, before the
/// narrowing filters.
#[derive(Debug, sqlx::FromRow)]
pub struct Bounds {
    pub n: i64,
    pub lo: Option<i64>,
    pub hi: Option<i64>,
    pub in_stock: i64,
    pub good: i64,
}

pub async fn bounds(db: &Db, scope: &Scope, f: &Filters) -> Result<Bounds, sqlx::Error> {
    let skip = Skip {
        brand: true,
        narrowing: true,
    };
    let mut b = scope.sql_from_where(f, skip);
    b.sql.insert_str(
        0,
        "SELECT COUNT(*) AS n, MIN(p.price) AS lo, MAX(p.price) AS hi, \
         COUNT(CASE WHEN p.stock > 0 THEN 1 END) AS in_stock, \
         COUNT(CASE WHEN p.rating >= 400 THEN 1 END) AS good",
    );
    let r = b.query().fetch_one(&db.pool).await?;
    Ok(Bounds {
        n: r.try_get("n")?,
        lo: r.try_get("lo")?,
        hi: r.try_get("hi")?,
        in_stock: r.try_get("in_stock")?,
        good: r.try_get("good")?,
    })
}

/// How many products match every filter.
pub async fn count(db: &Db, scope: &Scope, f: &Filters) -> Result<i64, sqlx::Error> {
    let mut b = scope.sql_from_where(f, Skip::NONE);
    b.sql.insert_str(0, "SELECT COUNT(*) AS n");
    b.query().fetch_one(&db.pool).await?.try_get("n")
}

/// The 30 brands with most matches (every filter but the brand one).
pub async fn brand_facets(
    db: &Db,
    scope: &Scope,
    f: &Filters,
) -> Result<Vec<BrandFacet>, sqlx::Error> {
    let skip = Skip {
        brand: true,
        ..Skip::NONE
    };
    let mut b = scope.sql_from_where(f, skip);
    b.sql.insert_str(0, "SELECT b.id, b.name, COUNT(*) AS n");
    b.sql = b.sql.replacen(
        " FROM products p",
        " FROM products p JOIN brands b ON b.id = p.brand_id",
        1,
    );
    b.push(" GROUP BY b.id, b.name ORDER BY COUNT(*) DESC, b.name LIMIT 30");
    b.query()
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(BrandFacet {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                count: r.try_get("n")?,
            })
        })
        .collect()
}

/// One page of matching products in the filters' order.
pub async fn page(
    db: &Db,
    scope: &Scope,
    f: &Filters,
    limit: i64,
    offset: i64,
) -> Result<Vec<ProductCard>, sqlx::Error> {
    let mut b = scope.sql_from_where(f, Skip::NONE);
    b.sql.insert_str(0, &format!("SELECT {CARD_COLUMNS}"));
    b.sql = b.sql.replacen(
        " FROM products p",
        " FROM products p JOIN brands b ON b.id = p.brand_id",
        1,
    );
    b.push(order_by(f.sort));
    b.push(" LIMIT ").bind(Arg::I64(limit));
    b.push(" OFFSET ").bind(Arg::I64(offset));
    cards(&b.query().fetch_all(&db.pool).await?)
}

/// Every product matching the search in the scope, with what counts, facets and
/// ordering need: the one full-text match a search page runs. The database packs
/// the matches into one text value (`id brand price stock rating rating_count
/// orders_count created_at score`, comma-separated): through the Any driver each row
/// costs a conversion and a hand-off between threads, so 4,000 matches took longer
/// to read as rows than to find.
pub async fn search_hits(
    db: &Db,
    scope: &Scope,
    terms: &[String],
) -> Result<Vec<Hit>, sqlx::Error> {
    let mut b = SqlBuf::new(
        "SELECT string_agg(h.id || ' ' || h.brand_id || ' ' || h.price || ' ' || h.stock \
         || ' ' || h.rating || ' ' || h.rating_count || ' ' || h.orders_count || ' ' \
         || h.created_at || ' ' || h.score, ',') AS packed FROM (",
    );
    let matched = b.placeholder(Arg::Text(search::match_expr(db.backend, terms)));
    let in_title = b.placeholder(Arg::Text(search::title_expr(db.backend, terms)));
    b.push(&search::hits_query(db.backend, &matched, &in_title));
    if let Some((col, id)) = scope.category {
        b.push(&format!(" AND {col} = ")).bind(Arg::I64(id));
    }
    b.push(") h");
    let packed: Option<String> = b.query().fetch_one(&db.pool).await?.try_get("packed")?;
    packed.as_deref().map_or(Ok(Vec::new()), unpack_hits)
}

/// Puts the search table back in category order, so the matches of a word share
/// a few pages again (Postgres: rows added since the last run sit at the end). Run
/// after a large import and nightly (`server search tidy`). On Postgres CLUSTER
/// locks the table while it runs: about 1 s per 100,000 products. SQLite reads a
/// search from its narrow index and needs nothing.
pub async fn tidy_search(db: &Db) -> Result<(), sqlx::Error> {
    if db.backend == crate::platform::db::Backend::Postgres {
        sqlx::query("CLUSTER product_search USING product_search_place")
            .execute(&db.pool)
            .await?;
        sqlx::query("ANALYZE product_search")
            .execute(&db.pool)
            .await?;
    }
    Ok(())
}

/// The matches [`search_hits`] packed.
fn unpack_hits(packed: &str) -> Result<Vec<Hit>, sqlx::Error> {
    let bad = || sqlx::Error::Decode("a packed search match".into());
    packed
        .split(',')
        .map(|one| {
            let mut n = one.split(' ').map(|v| v.parse::<i64>());
            let mut next = || n.next().and_then(Result::ok).ok_or_else(bad);
            Ok(Hit {
                id: next()?,
                brand_id: next()?,
                price: next()?,
                stock: next()?,
                rating: next()?,
                rating_count: next()?,
                orders_count: next()?,
                created_at: next()?,
                score: next()?,
            })
        })
        .collect()
}

/// The cards of these products, in the order of `ids` (unknown ids are left out).
pub async fn cards_by_ids(db: &Db, ids: &[i64]) -> Result<Vec<ProductCard>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut b = SqlBuf::new(&format!(
        "SELECT {CARD_COLUMNS} FROM products p JOIN brands b ON b.id = p.brand_id WHERE p.id IN "
    ));
    b.bind_list(ids);
    let mut found = cards(&b.query().fetch_all(&db.pool).await?)?;
    found.sort_by_key(|c| ids.iter().position(|id| *id == c.id));
    Ok(found)
}

/// The names of these brands: (id, name).
pub async fn brand_names(db: &Db, ids: &[i64]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut b = SqlBuf::new("SELECT id, name FROM brands WHERE id IN ");
    b.bind_list(ids);
    b.query_as().fetch_all(&db.pool).await
}

/// A product's page row: its card and what only the page shows.
pub struct ProductRow {
    pub card: ProductCard,
    pub description: String,
    pub seller: String,
    pub seller_ships: bool,
    pub orders_count: i64,
    pub image_count: i64,
    pub category_id: i64,
}

pub async fn product(db: &Db, id: i64) -> Result<Option<ProductRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {CARD_COLUMNS}, p.description, p.orders_count, p.image_count, p.category_id, s.name AS seller, s.ships_itself \
         FROM products p JOIN brands b ON b.id = p.brand_id JOIN sellers s ON s.id = p.seller_id WHERE p.id = $1"
    );
    let Some(r) = sqlx::query(&sql).bind(id).fetch_optional(&db.pool).await? else {
        return Ok(None);
    };
    Ok(Some(ProductRow {
        card: card_from_row(&r)?,
        description: r.try_get("description")?,
        seller: r.try_get("seller")?,
        seller_ships: r.try_get::<i64, _>("ships_itself")? != 0,
        orders_count: r.try_get("orders_count")?,
        image_count: r.try_get("image_count")?,
        category_id: r.try_get("category_id")?,
    }))
}

/// A product's attributes as (name, value), in their order.
pub async fn attributes(db: &Db, id: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name, value FROM product_attributes WHERE product_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// The best matches of a search, for suggestions: (id, title).
pub async fn best_matches(
    db: &Db,
    terms: &[String],
    limit: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let mut b = SqlBuf::new("SELECT h.id, t.title FROM (");
    let matched = b.placeholder(Arg::Text(search::match_expr(db.backend, terms)));
    let in_title = b.placeholder(Arg::Text(search::title_expr(db.backend, terms)));
    b.push(&search::hits_query(db.backend, &matched, &in_title));
    b.push(") h JOIN products t ON t.id = h.id ORDER BY h.score, h.orders_count DESC, h.id LIMIT ")
        .bind(Arg::I64(limit));
    b.query_as().fetch_all(&db.pool).await
}

/// Product `id`'s seller and title, if it exists.
pub async fn seller_of(db: &Db, id: i64) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT seller_id, title FROM products WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_matches_unpack_in_order() {
        let hits =
            unpack_hits("7 3 129900 5 460 12 300 1700000000000 0,9 4 990 0 0 0 0 1 1").unwrap();
        assert_eq!(hits.len(), 2);
        assert_eq!(
            (hits[0].id, hits[0].brand_id, hits[0].price, hits[0].score),
            (7, 3, 129_900, 0)
        );
        assert_eq!((hits[1].id, hits[1].stock, hits[1].score), (9, 0, 1));
        assert!(unpack_hits("7 3 x").is_err());
        assert!(unpack_hits("7 3").is_err());
    }
}
