//! The statement of a shopper's wallet: its sums and its operations, and the same
//! as a CSV file.

use crate::i18n::Lang;
use crate::platform::db::Db;
use crate::shared::money::Money;
use crate::shared::time::local_datetime;
use crate::wallet::i18n::{kind_text, status_text};
use crate::wallet::ledger::model::AccountKind;
use crate::wallet::ledger::service::{self as ledger, LedgerError};
use crate::wallet::statement::model::{
    Filter, Operation, Statement, csv_amount, csv_text, operations, totals,
};

/// The wallet of `user` as its page shows it: the sums and the operations `filter`
/// keeps, newest first. A wallet nothing has touched yet is opened empty.
pub async fn statement(
    db: &Db,
    now: i64,
    user: i64,
    filter: Filter,
) -> Result<Statement, LedgerError> {
    let account = ledger::account(db, AccountKind::Wallet, user, now).await?;
    let sums = ledger::sums(db, account).await?;
    let all = operations(account, &ledger::history(db, account).await?);
    Ok(Statement {
        balance: sums.posted(),
        available: sums.available(),
        reserved: sums.outgoing(),
        incoming: sums.incoming(),
        operations: all.into_iter().filter(|o| filter.keeps(o)).collect(),
        filter,
    })
}

/// The operations as a CSV file for a spreadsheet in Russian: UTF-8 with a BOM (so
/// Excel reads it as UTF-8), `;` between fields and a decimal comma, as Excel
/// expects in a Russian locale; a last line with the totals in and out.
pub fn csv(lang: Lang, ops: &[Operation]) -> String {
    let d = lang.wallet();
    let mut out = String::from("\u{feff}");
    out.push_str(
        &[
            d.csv_date,
            d.csv_operation,
            d.csv_amount,
            d.csv_status,
            d.csv_balance,
            d.csv_reference,
        ]
        .join(";"),
    );
    out.push_str("\r\n");
    for op in ops {
        let row = [
            local_datetime(op.at),
            csv_text(kind_text(lang, op.kind)),
            csv_amount(op.amount),
            csv_text(status_text(lang, op.status)),
            op.balance_after.map(csv_amount).unwrap_or_default(),
            csv_text(&op.reference),
        ];
        out.push_str(&row.join(";"));
        out.push_str("\r\n");
    }
    let (inflow, outflow) = totals(ops);
    out.push_str(&format!(
        "{};{};{};;;\r\n",
        csv_text(d.csv_totals),
        csv_amount(inflow),
        csv_amount(Money::from_kopecks(-outflow.kopecks()))
    ));
    out
}

/// Order `order`'s receipts: every payment and refund that names it, oldest first.
pub async fn receipts(
    db: &crate::platform::db::Db,
    order: i64,
) -> crate::shared::error::AppResult<Vec<crate::wallet::statement::model::Receipt>> {
    use crate::wallet::statement::model::Receipt;
    let mut conn = db.pool.acquire().await?;
    let rows =
        crate::wallet::statement::repo::by_reference(&mut conn, &format!("order:{order}")).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, kind, amount, debit, credit, at)| {
            Receipt::from_transfer(id, &kind, Money::from_kopecks(amount), &debit, &credit, at)
        })
        .collect())
}
