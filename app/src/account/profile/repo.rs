//! SQL for the accounts themselves: looking one up, creating one, its profile and
//! its discounts.

use crate::platform::db::{Db, Tx};
use crate::shared::email::Email;
use crate::shared::phone::Phone;

/// An account as the sign-in flow needs it.
#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: i64,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub email_verified: bool,
    pub first_name: String,
    pub last_name: String,
}

const USER_COLUMNS: &str = "id, phone, email, email_verified_at, first_name, last_name";

/// A `users` row as stored, before its values become domain types.
#[derive(sqlx::FromRow)]
struct UserRaw {
    id: i64,
    phone: Option<String>,
    email: Option<String>,
    email_verified_at: Option<i64>,
    first_name: String,
    last_name: String,
}

impl From<UserRaw> for UserRow {
    fn from(r: UserRaw) -> UserRow {
        UserRow {
            id: r.id,
            phone: r.phone.map(Phone::from_stored),
            email: r.email.map(Email::from_stored),
            email_verified: r.email_verified_at.is_some(),
            first_name: r.first_name,
            last_name: r.last_name,
        }
    }
}

pub async fn user_by_phone(tx: &mut Tx, phone: &Phone) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as::<_, UserRaw>(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE phone = $1 AND deleted_at IS NULL"
    ))
    .bind(phone.as_str().to_string())
    .fetch_optional(&mut **tx)
    .await
    .map(|r| r.map(UserRow::from))
}

/// The account whose verified email this is (an unverified one cannot sign in).
pub async fn user_by_verified_email(
    tx: &mut Tx,
    email: &Email,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as::<_, UserRaw>(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE email = $1 AND email_verified_at IS NOT NULL \
         AND deleted_at IS NULL"
    ))
    .bind(email.as_str().to_string())
    .fetch_optional(&mut **tx)
    .await
    .map(|r| r.map(UserRow::from))
}

/// The account with this id, unless it was deleted (on the pool, or inside a
/// transaction: `&mut **tx`).
pub async fn user_by_id<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    id: i64,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as::<_, UserRaw>(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
    .map(|r| r.map(UserRow::from))
}

pub async fn create_user(tx: &mut Tx, phone: &Phone, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO users (phone, terms_accepted_at, created_at) VALUES ($1, $2, $2) RETURNING id",
    )
    .bind(phone.as_str().to_string())
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// A new account from a provider's verified phone and/or email.
pub async fn create_user_from(
    tx: &mut Tx,
    phone: Option<&Phone>,
    email: Option<&Email>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO users (phone, email, email_verified_at, terms_accepted_at, created_at) \
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(phone.map(|p| p.as_str().to_string()))
    .bind(email.map(|e| e.as_str().to_string()))
    .bind(email.map(|_| now))
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// Records a discount for the account, once per kind.
pub async fn grant_discount(
    tx: &mut Tx,
    user_id: i64,
    kind: &str,
    percent: i64,
    max_amount_kopecks: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO user_discounts (user_id, kind, percent, max_amount, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, kind) DO NOTHING",
    )
    .bind(user_id)
    .bind(kind.to_string())
    .bind(percent)
    .bind(max_amount_kopecks)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Claims a one-time grant (`kind`) for a subject (the keyed hash of a phone
/// number): true the first time, false ever after, whatever became of the account.
pub async fn claim_grant(
    tx: &mut Tx,
    kind: &str,
    subject_hash: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO discount_grants (kind, subject_hash, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (kind, subject_hash) DO NOTHING",
    )
    .bind(kind.to_string())
    .bind(subject_hash.to_string())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The discounts an account has not used yet: (kind, percent, max amount in kopecks).
pub async fn open_discounts(db: &Db, user_id: i64) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT kind, percent, max_amount FROM user_discounts WHERE user_id = $1 AND used_at IS NULL ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await
}

/// The account's first-order discount if it has not used it: (percent, most off
/// in kopecks).
pub async fn first_order_discount(
    ex: &mut sqlx::AnyConnection,
    user_id: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT percent, max_amount FROM user_discounts \
         WHERE user_id = $1 AND kind = 'first_order' AND used_at IS NULL",
    )
    .bind(user_id)
    .fetch_optional(ex)
    .await
}

/// Marks the first-order discount used by `order`: whether it was still there.
pub async fn use_first_order_discount(
    ex: &mut sqlx::AnyConnection,
    user_id: i64,
    order: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE user_discounts SET used_at = $3, order_id = $2 \
         WHERE user_id = $1 AND kind = 'first_order' AND used_at IS NULL",
    )
    .bind(user_id)
    .bind(order)
    .bind(now)
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}

/// Gives back the discount `order` of `user_id` used, if any.
pub async fn restore_discount_of(
    ex: &mut sqlx::AnyConnection,
    user_id: i64,
    order: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE user_discounts SET used_at = NULL, order_id = NULL \
         WHERE user_id = $1 AND order_id = $2",
    )
    .bind(user_id)
    .bind(order)
    .execute(ex)
    .await
    .map(|_| ())
}

/// The profile fields as stored.
#[derive(Debug, Clone, Default)]
pub struct ProfileRow {
    pub last_name: String,
    pub first_name: String,
    pub middle_name: String,
    pub gender: String,
    pub birth_date: Option<String>,
    pub newsletter: bool,
    pub chat_emails: bool,
}

pub async fn profile(db: &Db, user_id: i64) -> Result<ProfileRow, sqlx::Error> {
    let r: ProfileRaw = sqlx::query_as(
        "SELECT last_name, first_name, middle_name, gender, birth_date, newsletter, chat_emails \
         FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(ProfileRow {
        last_name: r.last_name,
        first_name: r.first_name,
        middle_name: r.middle_name,
        gender: r.gender,
        birth_date: r.birth_date,
        newsletter: r.newsletter != 0,
        chat_emails: r.chat_emails != 0,
    })
}

#[derive(sqlx::FromRow)]
struct ProfileRaw {
    last_name: String,
    first_name: String,
    middle_name: String,
    gender: String,
    birth_date: Option<String>,
    newsletter: i64,
    chat_emails: i64,
}

pub async fn save_profile(db: &Db, user_id: i64, p: &ProfileRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET last_name = $1, first_name = $2, middle_name = $3, gender = $4, \
         birth_date = $5, newsletter = $6, chat_emails = $7 WHERE id = $8",
    )
    .bind(p.last_name.clone())
    .bind(p.first_name.clone())
    .bind(p.middle_name.clone())
    .bind(p.gender.clone())
    .bind(p.birth_date.clone())
    .bind(p.newsletter as i64)
    .bind(p.chat_emails as i64)
    .bind(user_id)
    .execute(&db.pool)
    .await
    .map(|_| ())
}
