//! Promo codes and their uses.

use super::ex::Ex;
use crate::orders::model::Promo;

const PROMO_COLUMNS: &str = "id, code, percent, fixed, min_goods, valid_from, valid_until, \
     per_account, total_limit, used, category_id, seller_id";

pub async fn promo_by_code(ex: Ex<'_>, code: &str) -> Result<Option<Promo>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {PROMO_COLUMNS} FROM promo_codes WHERE code = $1"
    ))
    .bind(code.to_string())
    .fetch_optional(ex)
    .await
}

/// How many times `user` used promo code `promo`.
pub async fn promo_uses_of(ex: Ex<'_>, promo: i64, user: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM promo_uses WHERE promo_id = $1 AND user_id = $2")
        .bind(promo)
        .bind(user)
        .fetch_one(ex)
        .await
}

/// Counts one more use of `promo` if its total limit allows: whether it did.
pub async fn count_promo_use(ex: Ex<'_>, promo: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE promo_codes SET used = used + 1 \
         WHERE id = $1 AND (total_limit IS NULL OR used < total_limit)",
    )
    .bind(promo)
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}

pub async fn insert_promo_use(
    ex: Ex<'_>,
    promo: i64,
    user: i64,
    order: i64,
    amount: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO promo_uses (promo_id, user_id, order_id, amount, used_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(promo)
    .bind(user)
    .bind(order)
    .bind(amount)
    .bind(now)
    .execute(ex)
    .await
    .map(|_| ())
}

/// What a promo code needs of these products: (id, category, root category, seller).
pub async fn promo_facts(
    ex: Ex<'_>,
    products: &[i64],
) -> Result<Vec<(i64, i64, i64, i64)>, sqlx::Error> {
    if products.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = crate::platform::db::SqlBuf::new(
        "SELECT id, category_id, root_category_id, seller_id FROM products WHERE id IN ",
    );
    q.bind_list(products);
    q.query_as().fetch_all(ex).await
}

/// Creates a promo code (staff, tests): its id.
pub async fn insert_promo(ex: Ex<'_>, p: &Promo) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO promo_codes (code, percent, fixed, min_goods, valid_from, valid_until, \
         per_account, total_limit, category_id, seller_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(p.code.clone())
    .bind(p.percent)
    .bind(p.fixed)
    .bind(p.min_goods)
    .bind(p.valid_from)
    .bind(p.valid_until)
    .bind(p.per_account)
    .bind(p.total_limit)
    .bind(p.category_id)
    .bind(p.seller_id)
    .fetch_one(ex)
    .await
}

/// Gives back the promo code use of `order`: the code counts one use fewer, in
/// all and for the account.
pub async fn give_back_promo(ex: Ex<'_>, order: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE promo_codes SET used = used - 1 \
         WHERE id IN (SELECT promo_id FROM promo_uses WHERE order_id = $1) AND used > 0",
    )
    .bind(order)
    .execute(&mut *ex)
    .await?;
    sqlx::query("DELETE FROM promo_uses WHERE order_id = $1")
        .bind(order)
        .execute(ex)
        .await
        .map(|_| ())
}
