//! [ssr] The timelines of the wallet's operations ("where is my money"): each kind
//! keeps its own table of (its id, status, moment) rows, written and read here;
//! and the in-app notice about a step, posted to the inbox in the same transaction.

use crate::i18n::Lang;

type Ex<'e> = &'e mut sqlx::AnyConnection;

/// One kind's timeline table and the column naming what a row belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Timeline {
    pub table: &'static str,
    pub owner: &'static str,
}

pub const TOPUPS: Timeline = Timeline {
    table: "topup_events",
    owner: "topup_id",
};
pub const WITHDRAWALS: Timeline = Timeline {
    table: "withdrawal_events",
    owner: "withdrawal_id",
};
pub const CARD_APPLICATIONS: Timeline = Timeline {
    table: "card_application_events",
    owner: "application_id",
};

/// Records that `id` reached `status` at `now`.
pub async fn add(
    ex: Ex<'_>,
    t: Timeline,
    id: i64,
    status: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO {} ({}, status, at) VALUES ($1, $2, $3)",
        t.table, t.owner
    ))
    .bind(id)
    .bind(status.to_string())
    .bind(now)
    .execute(ex)
    .await
    .map(|_| ())
}

/// `id`'s (status, moment) rows, oldest first.
pub async fn of(ex: Ex<'_>, t: Timeline, id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT status, at FROM {} WHERE {} = $1 ORDER BY id",
        t.table, t.owner
    ))
    .bind(id)
    .fetch_all(ex)
    .await
}

/// Tells `user` in the app that operation `id` of `topic` reached `status`, inside
/// the transaction that made the change (so the notice exists exactly when the
/// change does, and once). `text` words it in each language.
#[allow(clippy::too_many_arguments)]
pub async fn tell(
    tx: &mut crate::platform::db::Tx,
    user: i64,
    now: i64,
    topic: &'static str,
    id: i64,
    status: &'static str,
    link: String,
    text: impl Fn(Lang) -> String,
) -> Result<(), sqlx::Error> {
    let notice = crate::inbox::NewNotice {
        topic,
        subject: id,
        status,
        text_ru: text(Lang::Ru),
        text_en: text(Lang::En),
        link,
    };
    crate::inbox::post(tx, user, now, &notice).await.map(|_| ())
}
