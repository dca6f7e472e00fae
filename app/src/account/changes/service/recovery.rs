//! "No access to the number and no email": a request for support, limited per
//! client, kept with its form and put in support's queue (`lifecycle`), answered
//! with the support request's number.

use crate::account::changes::model::RecoveryForm;
use crate::account::changes::repo::{NewRecovery, insert_recovery, recent_recoveries};
use crate::platform::request::Requester;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult};

/// Requests per client per hour.
const RECOVERIES_PER_HOUR: i64 = 5;

/// Records the request and opens the support request; answers its number
/// ("26-000123").
pub async fn request_recovery(
    deps: &Deps<'_>,
    req: &Requester,
    f: &RecoveryForm,
) -> AppResult<String> {
    let mut tx = deps.db.begin_write().await?;
    if recent_recoveries(&mut tx, &req.ip, deps.now - 3_600_000).await? >= RECOVERIES_PER_HOUR {
        return Err(AppError::TooManyRequests {
            retry_after_secs: 3600,
        });
    }
    let recovery = NewRecovery {
        full_name: &f.full_name,
        old_phone: f.old_phone.as_str(),
        new_phone: f.new_phone.as_str(),
        order_number: &f.order_number,
        ip: &req.ip,
        now: deps.now,
    };
    insert_recovery(&mut tx, recovery).await?;
    let account = crate::account::profile::repo::user_by_phone(&mut tx, &f.old_phone)
        .await?
        .map(|u| u.id);
    let order = if f.order_number.is_empty() {
        "—"
    } else {
        f.order_number.as_str()
    };
    let text = format!(
        "Восстановление доступа: нет доступа ни к номеру, ни к почте.\n\
         ФИО: {}\nСтарый номер: {}\nНовый номер: {}\nНомер заказа: {order}",
        f.full_name,
        f.old_phone.as_str(),
        f.new_phone.as_str(),
    );
    let number = crate::lifecycle::recovery_requested(&mut tx, account, &text, deps.now).await?;
    tx.commit().await?;
    Ok(number)
}
