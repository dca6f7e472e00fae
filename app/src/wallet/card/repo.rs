//! Rynok Card applications' SQL, nothing else.

type Ex<'e> = &'e mut sqlx::AnyConnection;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CardRow {
    pub id: i64,
    pub user_id: i64,
    pub status: String,
    pub last_name: String,
    pub first_name: String,
    pub middle_name: String,
    pub birth_date: String,
    pub passport_sealed: String,
    pub document_kind: String,
    pub document_sealed: String,
    pub salt: String,
    pub code_hash: String,
    pub code_expires_at: i64,
    pub failures: i64,
    pub last4: Option<String>,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, user_id, status, last_name, first_name, middle_name, birth_date, \
     passport_sealed, document_kind, document_sealed, salt, code_hash, code_expires_at, failures, \
     last4, updated_at";

pub struct NewApplication<'a> {
    pub user_id: i64,
    pub email: &'a str,
    pub code_word_hash: &'a str,
    pub last_name: &'a str,
    pub first_name: &'a str,
    pub middle_name: &'a str,
    pub birth_date: &'a str,
    pub passport_sealed: &'a str,
    pub issue_date: &'a str,
    pub issuer_code: &'a str,
    pub document_kind: &'a str,
    pub document_sealed: &'a str,
    pub salt: &'a str,
    pub code_hash: &'a str,
    pub code_expires_at: i64,
    pub now: i64,
}

pub async fn insert(ex: Ex<'_>, a: &NewApplication<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO card_applications (user_id, status, email, code_word_hash, last_name, first_name, \
         middle_name, birth_date, passport_sealed, issue_date, issuer_code, document_kind, \
         document_sealed, salt, code_hash, code_expires_at, created_at, updated_at) \
         VALUES ($1, 'awaiting_code', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) \
         RETURNING id",
    )
    .bind(a.user_id)
    .bind(a.email.to_string())
    .bind(a.code_word_hash.to_string())
    .bind(a.last_name.to_string())
    .bind(a.first_name.to_string())
    .bind(a.middle_name.to_string())
    .bind(a.birth_date.to_string())
    .bind(a.passport_sealed.to_string())
    .bind(a.issue_date.to_string())
    .bind(a.issuer_code.to_string())
    .bind(a.document_kind.to_string())
    .bind(a.document_sealed.to_string())
    .bind(a.salt.to_string())
    .bind(a.code_hash.to_string())
    .bind(a.code_expires_at)
    .bind(a.now)
    .fetch_one(ex)
    .await
}

pub async fn by_id(ex: Ex<'_>, id: i64) -> Result<Option<CardRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM card_applications WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await
}

/// The user's latest application that is not a replaced draft.
pub async fn latest(ex: Ex<'_>, user: i64) -> Result<Option<CardRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM card_applications WHERE user_id = $1 AND status <> 'replaced' \
         ORDER BY id DESC LIMIT 1"
    ))
    .bind(user)
    .fetch_optional(ex)
    .await
}

/// Drops the user's drafts waiting for a code (a new one replaces them).
pub async fn close_drafts(ex: Ex<'_>, user: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE card_applications SET status = 'replaced', updated_at = $1 \
         WHERE user_id = $2 AND status = 'awaiting_code'",
    )
    .bind(now)
    .bind(user)
    .execute(ex)
    .await
    .map(|_| ())
}

pub async fn add_failure(ex: Ex<'_>, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE card_applications SET failures = failures + 1 WHERE id = $1 RETURNING failures",
    )
    .bind(id)
    .fetch_one(ex)
    .await
}

/// Moves an application on from `from`, once: whether this call did.
pub async fn advance(
    ex: Ex<'_>,
    id: i64,
    from: &str,
    to: &str,
    last4: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE card_applications SET status = $1, last4 = COALESCE($2, last4), updated_at = $3 \
         WHERE id = $4 AND status = $5",
    )
    .bind(to.to_string())
    .bind(last4.map(str::to_string))
    .bind(now)
    .bind(id)
    .bind(from.to_string())
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Applications in `status` last changed at or before `before`.
pub async fn in_status(
    ex: Ex<'_>,
    status: &str,
    before: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM card_applications WHERE status = $1 AND updated_at <= $2 ORDER BY id LIMIT $3",
    )
    .bind(status.to_string())
    .bind(before)
    .bind(limit)
    .fetch_all(ex)
    .await
}
