//! The SQL of `server ledger check`: the totals that must balance, accounts whose
//! kept sums drifted from their transfers, and floor-zero accounts below zero.

use crate::wallet::ledger::model::Sums;
use sqlx::Row;
use sqlx::any::AnyRow;

type Ex<'e> = &'e mut sqlx::AnyConnection;

/// What `server ledger check` compares.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Totals {
    pub accounts: i64,
    pub transfers: i64,
    pub debits_posted: i64,
    pub credits_posted: i64,
    pub debits_pending: i64,
    pub credits_pending: i64,
}

pub async fn totals(ex: Ex<'_>) -> Result<Totals, sqlx::Error> {
    let sums_of = |table: &str| {
        format!(
            "SELECT COUNT(*) AS n, \
             CAST(COALESCE(SUM(debits_posted), 0) AS BIGINT) AS debits_posted, \
             CAST(COALESCE(SUM(credits_posted), 0) AS BIGINT) AS credits_posted, \
             CAST(COALESCE(SUM(debits_pending), 0) AS BIGINT) AS debits_pending, \
             CAST(COALESCE(SUM(credits_pending), 0) AS BIGINT) AS credits_pending \
             FROM {table}"
        )
    };
    let a = sqlx::query(&sums_of("ledger_accounts"))
        .fetch_one(&mut *ex)
        .await?;
    let s = sqlx::query(&sums_of("ledger_account_shards"))
        .fetch_one(&mut *ex)
        .await?;
    let (a_sums, s_sums) = (sums(&a)?, sums(&s)?);
    let transfers: i64 = sqlx::query("SELECT COUNT(*) AS n FROM ledger_transfers")
        .fetch_one(&mut *ex)
        .await?
        .try_get("n")?;
    Ok(Totals {
        accounts: a.try_get("n")?,
        transfers,
        debits_posted: a_sums.debits_posted + s_sums.debits_posted,
        credits_posted: a_sums.credits_posted + s_sums.credits_posted,
        debits_pending: a_sums.debits_pending + s_sums.debits_pending,
        credits_pending: a_sums.credits_pending + s_sums.credits_pending,
    })
}

/// Each account's four sums recomputed from the transfers, beside the cached ones
/// (its row's plus its shards'),
/// for the accounts where they differ. One pass over the transfers: a posted
/// transfer counts as posted; a pending one as pending until something resolves
/// it; a post adds its amount as posted.
pub async fn drifted_accounts(ex: Ex<'_>) -> Result<Vec<(i64, Sums, Sums)>, sqlx::Error> {
    let rows = sqlx::query(
        "WITH open_pending AS ( \
             SELECT t.id, t.debit_account_id, t.credit_account_id, t.amount FROM ledger_transfers t \
             WHERE t.phase = 'pending' AND NOT EXISTS \
               (SELECT 1 FROM ledger_transfers r WHERE r.pending_id = t.id)), \
         moves AS ( \
             SELECT debit_account_id AS account, amount AS dp, 0 AS cp, 0 AS dn, 0 AS cn \
               FROM ledger_transfers WHERE phase IN ('posted', 'post') \
             UNION ALL SELECT credit_account_id, 0, amount, 0, 0 \
               FROM ledger_transfers WHERE phase IN ('posted', 'post') \
             UNION ALL SELECT debit_account_id, 0, 0, amount, 0 FROM open_pending \
             UNION ALL SELECT credit_account_id, 0, 0, 0, amount FROM open_pending), \
         computed AS ( \
             SELECT account, CAST(SUM(dp) AS BIGINT) AS dp, CAST(SUM(cp) AS BIGINT) AS cp, \
                    CAST(SUM(dn) AS BIGINT) AS dn, CAST(SUM(cn) AS BIGINT) AS cn \
             FROM moves GROUP BY account), \
         shards AS ( \
             SELECT account_id, CAST(SUM(debits_posted) AS BIGINT) AS dp, \
                    CAST(SUM(credits_posted) AS BIGINT) AS cp, \
                    CAST(SUM(debits_pending) AS BIGINT) AS dn, \
                    CAST(SUM(credits_pending) AS BIGINT) AS cn \
             FROM ledger_account_shards GROUP BY account_id), \
         cached AS ( \
             SELECT a.id, a.debits_posted + COALESCE(s.dp, 0) AS debits_posted, \
                    a.credits_posted + COALESCE(s.cp, 0) AS credits_posted, \
                    a.debits_pending + COALESCE(s.dn, 0) AS debits_pending, \
                    a.credits_pending + COALESCE(s.cn, 0) AS credits_pending \
             FROM ledger_accounts a LEFT JOIN shards s ON s.account_id = a.id) \
         SELECT a.id, a.debits_posted, a.credits_posted, a.debits_pending, a.credits_pending, \
                COALESCE(c.dp, 0) AS dp, COALESCE(c.cp, 0) AS cp, \
                COALESCE(c.dn, 0) AS dn, COALESCE(c.cn, 0) AS cn \
         FROM cached a LEFT JOIN computed c ON c.account = a.id \
         WHERE a.debits_posted <> COALESCE(c.dp, 0) OR a.credits_posted <> COALESCE(c.cp, 0) \
            OR a.debits_pending <> COALESCE(c.dn, 0) OR a.credits_pending <> COALESCE(c.cn, 0) \
         ORDER BY a.id",
    )
    .fetch_all(ex)
    .await?;
    rows.iter()
        .map(|r| {
            let computed = Sums {
                debits_posted: r.try_get("dp")?,
                credits_posted: r.try_get("cp")?,
                debits_pending: r.try_get("dn")?,
                credits_pending: r.try_get("cn")?,
            };
            Ok((r.try_get("id")?, sums(r)?, computed))
        })
        .collect()
}

/// Floor-zero accounts whose debits (posted and pending) exceed their posted credits.
pub async fn below_zero(ex: Ex<'_>) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query(
        "SELECT id FROM ledger_accounts WHERE floor_zero = 1 \
         AND debits_posted + debits_pending > credits_posted ORDER BY id",
    )
    .fetch_all(ex)
    .await?
    .iter()
    .map(|r| r.try_get("id"))
    .collect()
}

/// An account row's kept sums.
pub(super) fn sums(r: &AnyRow) -> Result<Sums, sqlx::Error> {
    Ok(Sums {
        debits_posted: r.try_get("debits_posted")?,
        credits_posted: r.try_get("credits_posted")?,
        debits_pending: r.try_get("debits_pending")?,
        credits_pending: r.try_get("credits_pending")?,
    })
}
