//! A deterministic demo catalogue: the same `--seed` always gives the same shop.

mod data;
mod demo;
mod pickup;
mod tree_goods;
mod tree_more;
mod vocab;

use app::catalog::search::index_text;
use app::platform::db::{Arg, Db, SqlBuf};
use data::{ADJECTIVES, SELLER_FIRST, SELLER_SECOND, TREE, USES};
use sqlx::Row;
use vocab::Leaf;

pub use demo::{
    DEMO_AGENT_PHONE, DEMO_OPERATOR_PHONE, DEMO_SELLER_PHONE, seed_promo_codes, seed_staff,
};

/// SplitMix64: small, fast and the same on every platform and crate version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// Skewed towards small values: most products sell little, a few sell a lot.
    fn skewed(&mut self, max: i64) -> i64 {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        (u.powi(4) * max as f64) as i64
    }
}

const SELLERS: i64 = 120;
/// Every tenth seller ships from its own warehouse (the rest through Rynok's).
const SHIPS_ITSELF_EVERY: i64 = 10;
/// 2026-01-01T00:00:00Z in Unix milliseconds: "new" products are dated before it.
const EPOCH_MS: i64 = 1_767_225_600_000;
const BATCH: usize = 250;

struct NewProduct {
    id: i64,
    category_id: i64,
    root_id: i64,
    seller_id: i64,
    brand_id: i64,
    title: String,
    description: String,
    price: i64,
    old_price: Option<i64>,
    stock: i64,
    rating: i64,
    rating_count: i64,
    orders: i64,
    images: i64,
    created_at: i64,
    search_title: String,
    search_body: String,
    attrs: Vec<(String, String)>,
}

fn make_product(
    rng: &mut Rng,
    id: i64,
    leaf: &Leaf,
    leaf_id: i64,
    root_id: i64,
    brand_id: i64,
    brand: &str,
) -> NewProduct {
    let letters = ["A", "X", "S", "M", "K", "Z", "R", "T", "V", "N"];
    let model = format!(
        "{}{}{}",
        rng.pick(&letters),
        rng.pick(&letters),
        rng.range(2, 990)
    );
    let attrs_chosen: Vec<(String, String)> = leaf
        .attrs
        .iter()
        .map(|(name, values)| (name.to_string(), rng.pick(values).to_string()))
        .collect();
    let hint = attrs_chosen
        .first()
        .map(|(_, v)| format!(", {v}"))
        .unwrap_or_default();
    let title = format!("{} {brand} {model}{hint}", leaf.noun);
    let roubles = rng.range(leaf.price.0, leaf.price.1);
    let roubles = if roubles >= 1000 {
        roubles / 100 * 100 + 90
    } else {
        roubles / 10 * 10 + 9
    };
    let price = roubles * 100;
    let old_price = rng
        .chance(40)
        .then(|| (roubles * rng.range(110, 160) / 100 / 10 * 10 + 9) * 100)
        .filter(|o| *o > price);
    let stock = if rng.chance(10) {
        0
    } else {
        1 + rng.skewed(300)
    };
    let rating_count = rng.skewed(4000);
    let rating = if rating_count == 0 {
        0
    } else {
        500 - rng.skewed(220)
    };
    let warranty = rng.pick(&[6, 12, 24, 36]);
    let description = format!(
        "{} {brand} {model} — {} выбор {}. {}. Гарантия производителя — {warranty} мес. \
         Продавец отправит заказ в течение одного рабочего дня.",
        leaf.noun,
        rng.pick(ADJECTIVES),
        rng.pick(USES),
        attrs_chosen
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("; "),
    );
    let mut attrs = vec![
        ("Бренд".to_string(), brand.to_string()),
        ("Модель".to_string(), model.clone()),
    ];
    attrs.extend(attrs_chosen);
    attrs.push(("Гарантия".to_string(), format!("{warranty} мес.")));
    let search_title = index_text(&format!("{title} {brand} {}", leaf.ru));
    let search_body = index_text(&format!(
        "{description} {}",
        attrs
            .iter()
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    ));
    NewProduct {
        id,
        category_id: leaf_id,
        root_id,
        seller_id: rng.range(1, SELLERS),
        brand_id,
        title,
        description,
        price,
        old_price,
        stock,
        rating,
        rating_count,
        orders: rng.skewed(60_000),
        images: rng.range(1, 5),
        created_at: EPOCH_MS - rng.range(0, 365 * 24 * 3600) * 1000,
        search_title,
        search_body,
        attrs,
    }
}

/// How many rows `table` has (the seeds fill only empty tables).
async fn rows(db: &Db, table: &str) -> Result<i64, sqlx::Error> {
    sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
        .fetch_one(&db.pool)
        .await?
        .try_get("n")
}

/// Seeds the pickup points unless there are some (an older demo database gets them
/// on its next start too): the number added.
pub async fn seed_pickup_points(db: &Db, seed: u64) -> Result<u64, sqlx::Error> {
    if rows(db, "pickup_points").await? > 0 {
        return Ok(0);
    }
    let mut rng = Rng(seed);
    let mut tx = db.begin_write().await?;
    let mut n = 0;
    for p in pickup::points(|n| rng.next() % n) {
        sqlx::query(
            "INSERT INTO pickup_points (city, address, metro, lat_e6, lon_e6, hours, storage_days, delivery_days) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(p.city)
        .bind(p.address)
        .bind(p.metro)
        .bind(p.lat_e6)
        .bind(p.lon_e6)
        .bind(p.hours)
        .bind(p.storage_days)
        .bind(p.delivery_days)
        .execute(&mut *tx)
        .await?;
        n += 1;
    }
    tx.commit().await?;
    Ok(n)
}

/// Fills an empty catalogue with categories, sellers, brands and `products` products.
/// Does nothing (and answers 0) when the catalogue already has categories.
pub async fn seed(db: &Db, products: u32, seed: u64) -> Result<u64, sqlx::Error> {
    if rows(db, "categories").await? > 0 {
        return Ok(0);
    }
    let mut rng = Rng(seed);
    let mut tx = db.begin_write().await?;

    let mut brands: Vec<String> = Vec::new();
    let mut leaves: Vec<(&Leaf, i64, i64)> = Vec::new();
    let mut cat_id = 0i64;
    for (ri, root) in TREE.iter().enumerate() {
        cat_id += 1;
        let root_id = cat_id;
        sqlx::query("INSERT INTO categories (id, parent_id, slug, name_ru, name_en, position) VALUES ($1, NULL, $2, $3, $4, $5)")
            .bind(root_id)
            .bind(root.slug)
            .bind(root.ru)
            .bind(root.en)
            .bind(ri as i64)
            .execute(&mut *tx)
            .await?;
        for (li, leaf) in root.leaves.iter().enumerate() {
            cat_id += 1;
            sqlx::query("INSERT INTO categories (id, parent_id, slug, name_ru, name_en, position, return_days) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(cat_id)
                .bind(root_id)
                .bind(leaf.slug)
                .bind(leaf.ru)
                .bind(leaf.en)
                .bind(li as i64)
                .bind(demo::return_days(leaf.slug))
                .execute(&mut *tx)
                .await?;
            leaves.push((leaf, cat_id, root_id));
            for b in leaf.brands {
                if !brands.iter().any(|x| x == b) {
                    brands.push(b.to_string());
                }
            }
        }
    }
    for (i, name) in brands.iter().enumerate() {
        sqlx::query("INSERT INTO brands (id, name) VALUES ($1, $2)")
            .bind(i as i64 + 1)
            .bind(name)
            .execute(&mut *tx)
            .await?;
    }
    for id in 1..=SELLERS {
        let name = format!(
            "ООО «{}{}-{}»",
            rng.pick(SELLER_FIRST),
            rng.pick(SELLER_SECOND),
            id
        );
        sqlx::query("INSERT INTO sellers (id, name, ships_itself) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(name)
            .bind(i64::from(id % SHIPS_ITSELF_EVERY == 0))
            .execute(&mut *tx)
            .await?;
    }

    let mut batch = Vec::with_capacity(BATCH);
    for id in 1..=products as i64 {
        let (leaf, leaf_id, root_id) = *rng.pick(&leaves);
        let brand = rng.pick(leaf.brands);
        let brand_id = brands.iter().position(|b| b == brand).unwrap_or(0) as i64 + 1;
        batch.push(make_product(
            &mut rng, id, leaf, leaf_id, root_id, brand_id, brand,
        ));
        if batch.len() == BATCH {
            insert_batch(&mut tx, &batch).await?;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        insert_batch(&mut tx, &batch).await?;
    }
    tx.commit().await?;
    app::catalog::repo::tidy_search(db).await?;
    if db.backend == app::platform::db::Backend::Postgres {
        // Category pages count from covering indexes, which Postgres answers without
        // the table only for pages its visibility map marks all-visible: after a bulk
        // load that is what autovacuum does within a minute or so; do it now.
        sqlx::query("VACUUM (ANALYZE) products")
            .execute(&db.pool)
            .await?;
    }
    Ok(products as u64)
}

async fn insert_batch(
    tx: &mut app::platform::db::Tx,
    batch: &[NewProduct],
) -> Result<(), sqlx::Error> {
    let mut b = SqlBuf::new(
        "INSERT INTO products (id, category_id, root_category_id, seller_id, brand_id, title, description, price, \
         old_price, stock, rating, rating_count, rating_total, orders_count, image_count, created_at, search_title, search_body) VALUES ",
    );
    for (i, p) in batch.iter().enumerate() {
        b.push(if i == 0 { "(" } else { ", (" });
        let ints = [p.id, p.category_id, p.root_id, p.seller_id, p.brand_id];
        for v in ints {
            b.bind(Arg::I64(v)).push(", ");
        }
        b.bind(Arg::Text(p.title.clone())).push(", ");
        b.bind(Arg::Text(p.description.clone())).push(", ");
        b.bind(Arg::I64(p.price)).push(", ");
        match p.old_price {
            Some(o) => b.bind(Arg::I64(o)),
            None => b.push("NULL"),
        };
        for v in [
            p.stock,
            p.rating,
            p.rating_count,
            p.rating * p.rating_count,
            p.orders,
            p.images,
            p.created_at,
        ] {
            b.push(", ").bind(Arg::I64(v));
        }
        b.push(", ").bind(Arg::Text(p.search_title.clone()));
        b.push(", ")
            .bind(Arg::Text(p.search_body.clone()))
            .push(")");
    }
    b.query().execute(&mut **tx).await?;

    let mut a =
        SqlBuf::new("INSERT INTO product_attributes (product_id, position, name, value) VALUES ");
    let mut first = true;
    for p in batch {
        for (pos, (k, v)) in p.attrs.iter().enumerate() {
            a.push(if first { "(" } else { ", (" });
            first = false;
            a.bind(Arg::I64(p.id))
                .push(", ")
                .bind(Arg::I64(pos as i64))
                .push(", ");
            a.bind(Arg::Text(k.clone()))
                .push(", ")
                .bind(Arg::Text(v.clone()))
                .push(")");
        }
    }
    if !first {
        a.query().execute(&mut **tx).await?;
    }
    Ok(())
}
