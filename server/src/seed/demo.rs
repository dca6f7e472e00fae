//! The demo shop's people, promo codes and return rules, beside its goods: the
//! staff phones and promo codes the README lists, and the categories that cannot
//! be returned.

use app::platform::db::Db;

/// The demo shop's operator: whoever signs in with this phone runs the first pickup
/// point's screen (/pickup). Documented in the README.
pub const DEMO_OPERATOR_PHONE: &str = "+79000000001";

/// The demo shop's seller staff: whoever signs in with this phone packs and ships
/// for seller 10, which ships itself (/seller). Documented in the README.
pub const DEMO_SELLER_PHONE: &str = "+79000000002";

/// The demo shop's support agent: whoever signs in with this phone works the
/// support requests' console (/support). Documented in the README.
pub const DEMO_AGENT_PHONE: &str = "+79000000003";

/// Grants the demo operator the first pickup point, the demo seller staff the
/// first seller that ships itself, and the demo agent support (again changes
/// nothing).
pub async fn seed_staff(db: &Db, now: i64) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let first: Option<i64> = sqlx::query_scalar("SELECT MIN(id) FROM pickup_points")
        .fetch_one(&db.pool)
        .await?;
    if let Some(point) = first {
        let phone =
            app::shared::phone::Phone::parse(DEMO_OPERATOR_PHONE).map_err(|e| format!("{e:?}"))?;
        app::staff::grant(db, &phone, app::staff::Role::Operator, point, now).await?;
    }
    let seller: Option<i64> =
        sqlx::query_scalar("SELECT MIN(id) FROM sellers WHERE ships_itself <> 0")
            .fetch_one(&db.pool)
            .await?;
    if let Some(seller) = seller {
        let phone =
            app::shared::phone::Phone::parse(DEMO_SELLER_PHONE).map_err(|e| format!("{e:?}"))?;
        app::staff::grant(db, &phone, app::staff::Role::SellerStaff, seller, now).await?;
    }
    let phone = app::shared::phone::Phone::parse(DEMO_AGENT_PHONE).map_err(|e| format!("{e:?}"))?;
    app::staff::grant(db, &phone, app::staff::Role::Support, 0, now).await?;
    Ok(())
}

/// The demo shop's promo codes (README): RYNOK5, 5 % off anything once per
/// account; RYNOK10, 10 % from 1 000 ₽; MINUS300, 300 ₽ off from 2 000 ₽; ODEZHDA15,
/// 15 % off clothes. Seeding again changes nothing.
pub async fn seed_promo_codes(db: &Db) -> Result<(), sqlx::Error> {
    let clothes: Option<i64> =
        sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'clothes'")
            .fetch_optional(&db.pool)
            .await?;
    // (code, percent, fixed kopecks, minimum kopecks, category)
    type Code = (&'static str, Option<i64>, Option<i64>, i64, Option<i64>);
    let codes: [Code; 4] = [
        ("RYNOK5", Some(5), None, 0, None),
        ("RYNOK10", Some(10), None, 100_000, None),
        ("MINUS300", None, Some(30_000), 200_000, None),
        ("ODEZHDA15", Some(15), None, 0, clothes),
    ];
    for (code, percent, fixed, min_goods, category) in codes {
        if code == "ODEZHDA15" && category.is_none() {
            continue;
        }
        sqlx::query(
            "INSERT INTO promo_codes (code, percent, fixed, min_goods, per_account, total_limit, category_id) \
             VALUES ($1, $2, $3, $4, 1, 100000, $5) ON CONFLICT (code) DO NOTHING",
        )
        .bind(code)
        .bind(percent)
        .bind(fixed)
        .bind(min_goods)
        .bind(category)
        .execute(&db.pool)
        .await?;
    }
    Ok(())
}

/// Categories whose goods cannot be returned (personal hygiene, cosmetics,
/// supplements, as Russian rules for goods of proper quality say); the same list
/// as the returns migration sets on an older database.
const NOT_RETURNABLE: [&str; 5] = [
    "skincare",
    "shampoos",
    "toothbrushes",
    "vitamins",
    "diapers",
];

/// A leaf category's return period in days: 0 for one that cannot be returned.
pub fn return_days(slug: &str) -> i64 {
    if NOT_RETURNABLE.contains(&slug) { 0 } else { 7 }
}
