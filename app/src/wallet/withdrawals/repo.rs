//! Withdrawals' SQL, nothing else.

type Ex<'e> = &'e mut sqlx::AnyConnection;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WithdrawalRow {
    pub id: i64,
    pub user_id: i64,
    pub amount: i64,
    pub recipient: String,
    pub bik: String,
    pub account_number: String,
    pub status: String,
    pub salt: String,
    pub code_hash: String,
    pub code_expires_at: i64,
    pub failures: i64,
    pub pending_transfer_id: Option<i64>,
    pub payout_ref: Option<String>,
    pub due_date: Option<String>,
    pub created_at: i64,
}

const COLUMNS: &str = "id, user_id, amount, recipient, bik, account_number, status, salt, code_hash, \
     code_expires_at, failures, pending_transfer_id, payout_ref, due_date, created_at";

pub struct NewWithdrawal<'a> {
    pub user_id: i64,
    pub amount: i64,
    pub recipient: &'a str,
    pub bik: &'a str,
    pub account_number: &'a str,
    pub salt: &'a str,
    pub code_hash: &'a str,
    pub code_expires_at: i64,
    pub now: i64,
}

pub async fn insert(ex: Ex<'_>, w: &NewWithdrawal<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO withdrawals (user_id, amount, recipient, bik, account_number, status, salt, \
         code_hash, code_expires_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'awaiting_code', $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(w.user_id)
    .bind(w.amount)
    .bind(w.recipient.to_string())
    .bind(w.bik.to_string())
    .bind(w.account_number.to_string())
    .bind(w.salt.to_string())
    .bind(w.code_hash.to_string())
    .bind(w.code_expires_at)
    .bind(w.now)
    .fetch_one(ex)
    .await
}

pub async fn by_id(ex: Ex<'_>, id: i64) -> Result<Option<WithdrawalRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM withdrawals WHERE id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await
}

/// The user's withdrawals, newest first.
pub async fn of_user(ex: Ex<'_>, user: i64, limit: i64) -> Result<Vec<WithdrawalRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM withdrawals WHERE user_id = $1 AND status <> 'cancelled' \
         ORDER BY id DESC LIMIT $2"
    ))
    .bind(user)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Cancels the user's withdrawals still waiting for a code (a new one replaces them).
pub async fn cancel_awaiting(ex: Ex<'_>, user: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE withdrawals SET status = 'cancelled', updated_at = $1 \
         WHERE user_id = $2 AND status = 'awaiting_code'",
    )
    .bind(now)
    .bind(user)
    .execute(ex)
    .await
    .map(|_| ())
}

/// What the user has withdrawn (in progress or paid) since `since`.
pub async fn withdrawn_since(ex: Ex<'_>, user: i64, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM withdrawals \
         WHERE user_id = $1 AND status IN ('in_progress', 'paid') AND created_at >= $2",
    )
    .bind(user)
    .bind(since)
    .fetch_one(ex)
    .await
}

pub async fn add_failure(ex: Ex<'_>, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE withdrawals SET failures = failures + 1 WHERE id = $1 RETURNING failures",
    )
    .bind(id)
    .fetch_one(ex)
    .await
}

/// Moves a withdrawal on from `from`, once: whether this call did.
pub async fn advance(
    ex: Ex<'_>,
    id: i64,
    from: &str,
    to: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE withdrawals SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(to.to_string())
    .bind(now)
    .bind(id)
    .bind(from.to_string())
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn set_confirmed(
    ex: Ex<'_>,
    id: i64,
    transfer: i64,
    due_date: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE withdrawals SET pending_transfer_id = $1, due_date = $2 WHERE id = $3")
        .bind(transfer)
        .bind(due_date.to_string())
        .bind(id)
        .execute(ex)
        .await
        .map(|_| ())
}

pub async fn set_payout_ref(ex: Ex<'_>, id: i64, payout_ref: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE withdrawals SET payout_ref = $1 WHERE id = $2 AND payout_ref IS NULL")
        .bind(payout_ref.to_string())
        .bind(id)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Withdrawals on their way to the bank.
pub async fn in_progress(ex: Ex<'_>, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM withdrawals WHERE status = 'in_progress' ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Whether the user has a withdrawal on its way (it holds up deleting the account).
pub async fn has_open(ex: Ex<'_>, user: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM withdrawals WHERE user_id = $1 AND status = 'in_progress'",
    )
    .bind(user)
    .fetch_one(ex)
    .await?;
    Ok(n > 0)
}

/// The bank details of the user's latest confirmed withdrawal: (recipient, BIK, account).
pub async fn last_details(
    ex: Ex<'_>,
    user: i64,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT recipient, bik, account_number FROM withdrawals \
         WHERE user_id = $1 AND status IN ('in_progress', 'paid', 'returned') ORDER BY id DESC LIMIT 1",
    )
    .bind(user)
    .fetch_optional(ex)
    .await
}
