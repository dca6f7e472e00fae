//! SQL for account changes (email, phone, deletion), the profile fields and
//! recovery requests.

use crate::account::changes::model::{ChangeKind, ChangeState};
use crate::platform::db::Tx;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChangeRow {
    pub id: i64,
    pub user_id: i64,
    #[sqlx(try_from = "String")]
    pub kind: ChangeKind,
    pub code_target: String,
    pub new_value: String,
    #[sqlx(try_from = "String")]
    pub state: ChangeState,
    pub salt: String,
    pub code_hash: String,
    pub code_expires_at: i64,
    pub failures: i64,
    pub last_sent_at: i64,
    pub due_at: Option<i64>,
    pub detail: String,
}

const COLUMNS: &str = "id, user_id, kind, code_target, new_value, state, salt, code_hash, \
     code_expires_at, failures, last_sent_at, due_at, detail";

pub struct NewChange<'a> {
    pub user_id: i64,
    pub kind: ChangeKind,
    pub code_target: &'a str,
    pub new_value: &'a str,
    pub state: ChangeState,
    pub salt: &'a str,
    pub code_hash: &'a str,
    pub code_expires_at: i64,
    pub detail: &'a str,
    pub now: i64,
}

/// Closes the account's open changes of this kind (a new one replaces them).
pub async fn cancel_open(
    tx: &mut Tx,
    user_id: i64,
    kind: ChangeKind,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE account_changes SET state = 'cancelled', updated_at = $1 \
         WHERE user_id = $2 AND kind = $3 AND state IN ('old', 'new')",
    )
    .bind(now)
    .bind(user_id)
    .bind(kind.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

pub async fn insert(tx: &mut Tx, c: NewChange<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO account_changes (user_id, kind, code_target, new_value, state, salt, code_hash, \
         code_expires_at, last_sent_at, detail, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $9) RETURNING id",
    )
    .bind(c.user_id)
    .bind(c.kind.as_str())
    .bind(c.code_target.to_string())
    .bind(c.new_value.to_string())
    .bind(c.state.as_str())
    .bind(c.salt.to_string())
    .bind(c.code_hash.to_string())
    .bind(c.code_expires_at)
    .bind(c.now)
    .bind(c.detail.to_string())
    .fetch_one(&mut **tx)
    .await
}

/// The account's change of `kind` waiting for a code (state old or new), if any.
pub async fn open(
    tx: &mut Tx,
    user_id: i64,
    kinds: &[ChangeKind],
) -> Result<Option<ChangeRow>, sqlx::Error> {
    let list = kinds
        .iter()
        .map(|k| format!("'{}'", k.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    // The kinds' names are our own constants, never user input.
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM account_changes WHERE user_id = $1 AND kind IN ({list}) \
         AND state IN ('old', 'new') ORDER BY id DESC LIMIT 1"
    ))
    .bind(user_id)
    .fetch_optional(&mut **tx)
    .await
}

/// The account's phone change waiting out its 14 days, if any.
/// (Read on the pool, or inside a transaction that goes on to write.)
pub async fn waiting<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    user_id: i64,
) -> Result<Option<ChangeRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM account_changes WHERE user_id = $1 AND state = 'waiting' ORDER BY id DESC LIMIT 1"
    ))
    .bind(user_id)
    .fetch_optional(db)
    .await
}

/// Changes whose 14 days are over.
pub async fn due(tx: &mut Tx, now: i64) -> Result<Vec<ChangeRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM account_changes WHERE state = 'waiting' AND due_at <= $1 ORDER BY id LIMIT 100"
    ))
    .bind(now)
    .fetch_all(&mut **tx)
    .await
}

/// Counts one wrong code unless `max` are already counted: the new count, or
/// `None` when the code was already burnt (one conditional statement).
pub async fn add_failure(tx: &mut Tx, id: i64, max: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE account_changes SET failures = failures + 1 WHERE id = $1 AND failures < $2 \
         RETURNING failures",
    )
    .bind(id)
    .bind(max)
    .fetch_optional(&mut **tx)
    .await
}

/// The next state of a change and the code (if any) it now waits for.
pub struct Next<'a> {
    pub state: ChangeState,
    pub code_target: &'a str,
    pub salt: &'a str,
    pub code_hash: &'a str,
    pub code_expires_at: i64,
    pub due_at: Option<i64>,
}

/// Moves a change to its next state, with a fresh code where one is needed.
pub async fn advance(tx: &mut Tx, id: i64, next: Next<'_>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE account_changes SET state = $1, code_target = $2, salt = $3, code_hash = $4, \
         code_expires_at = $5, due_at = $6, failures = 0, last_sent_at = $7, updated_at = $7 WHERE id = $8",
    )
    .bind(next.state.as_str())
    .bind(next.code_target.to_string())
    .bind(next.salt.to_string())
    .bind(next.code_hash.to_string())
    .bind(next.code_expires_at)
    .bind(next.due_at)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Marks a change done or cancelled; false if it was no longer in `from`.
pub async fn finish(
    tx: &mut Tx,
    id: i64,
    from: ChangeState,
    to: ChangeState,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE account_changes SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(id)
    .bind(from.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

// ---- the account's own fields ----

/// Whether another live account holds this phone or verified email.
pub async fn taken(
    tx: &mut Tx,
    column: &str,
    value: &str,
    except_user: i64,
) -> Result<bool, sqlx::Error> {
    let extra = if column == "email" {
        " AND email_verified_at IS NOT NULL"
    } else {
        ""
    };
    let column = if column == "email" { "email" } else { "phone" };
    let n: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) AS n FROM users WHERE {column} = $1 AND id <> $2 AND deleted_at IS NULL{extra}"
    ))
    .bind(value.to_string())
    .bind(except_user)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}

pub async fn set_phone(tx: &mut Tx, user_id: i64, phone: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET phone = $1 WHERE id = $2")
        .bind(phone.to_string())
        .bind(user_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Sets a verified email; an unverified claim on it by another account is dropped.
pub async fn set_email(
    tx: &mut Tx,
    user_id: i64,
    email: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET email = NULL WHERE email = $1 AND email_verified_at IS NULL AND id <> $2",
    )
    .bind(email.to_string())
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE users SET email = $1, email_verified_at = $2 WHERE id = $3")
        .bind(email.to_string())
        .bind(now)
        .bind(user_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Erases an account's personal data and frees its phone and email; the row stays
/// (orders will refer to it) with nothing that identifies a person.
pub async fn erase(tx: &mut Tx, user_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET phone = NULL, email = NULL, email_verified_at = NULL, last_name = '', \
         first_name = '', middle_name = '', gender = '', birth_date = NULL, newsletter = 0, chat_emails = 0, deleted_at = $1 \
         WHERE id = $2",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    for sql in [
        "UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL",
        "DELETE FROM security_messages WHERE user_id = $2 AND $1 = $1",
        "DELETE FROM security_events WHERE user_id = $2 AND $1 = $1",
        "DELETE FROM passkeys WHERE user_id = $2 AND $1 = $1",
        "DELETE FROM oidc_links WHERE user_id = $2 AND $1 = $1",
        "UPDATE users SET webauthn_id = NULL WHERE id = $2 AND $1 = $1",
        "UPDATE account_changes SET state = 'cancelled', code_target = '', new_value = '', updated_at = $1 WHERE user_id = $2",
    ] {
        sqlx::query(sql)
            .bind(now)
            .bind(user_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn record_deletion_reason(
    tx: &mut Tx,
    reason: &str,
    comment: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO deletion_reasons (reason, comment, at) VALUES ($1, $2, $3)")
        .bind(reason.to_string())
        .bind(comment.to_string())
        .bind(now)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

pub struct NewRecovery<'a> {
    pub full_name: &'a str,
    pub old_phone: &'a str,
    pub new_phone: &'a str,
    pub order_number: &'a str,
    pub ip: &'a str,
    pub now: i64,
}

pub async fn recent_recoveries(tx: &mut Tx, ip: &str, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM recovery_requests WHERE ip = $1 AND created_at >= $2",
    )
    .bind(ip.to_string())
    .bind(since)
    .fetch_one(&mut **tx)
    .await
}

pub async fn insert_recovery(tx: &mut Tx, r: NewRecovery<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO recovery_requests (full_name, old_phone, new_phone, order_number, ip, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(r.full_name.to_string())
    .bind(r.old_phone.to_string())
    .bind(r.new_phone.to_string())
    .bind(r.order_number.to_string())
    .bind(r.ip.to_string())
    .bind(r.now)
    .fetch_one(&mut **tx)
    .await
}

/// When the account's phone or email last changed (a change done), if ever.
pub async fn last_contact_change<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    user_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MAX(updated_at) FROM account_changes WHERE user_id = $1 AND state = 'done' \
         AND kind IN ('email', 'phone', 'phone_lost')",
    )
    .bind(user_id)
    .fetch_one(db)
    .await
}
