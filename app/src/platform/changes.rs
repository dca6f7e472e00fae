//! Change counters: one per party that polls ("u:<account>", "s:<seller>"),
//! raised in the transaction of every change the party should see (a message, a
//! read mark, a notice). A poll reads its counter by primary key and compares it
//! with the cursor the browser holds: an idle poll is that one indexed read, and
//! the counter lives in the database, so it holds across several servers.

/// Raises `party`'s counter: its new value.
pub async fn bump(ex: &mut sqlx::AnyConnection, party: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO change_counters (party, version) VALUES ($1, 1) \
         ON CONFLICT (party) DO UPDATE SET version = change_counters.version + 1 \
         RETURNING version",
    )
    .bind(party.to_string())
    .fetch_one(ex)
    .await
}

/// `party`'s counter (0 before its first change).
pub async fn version(ex: &mut sqlx::AnyConnection, party: &str) -> Result<i64, sqlx::Error> {
    Ok(
        sqlx::query_scalar("SELECT version FROM change_counters WHERE party = $1")
            .bind(party.to_string())
            .fetch_optional(ex)
            .await?
            .unwrap_or(0),
    )
}
