//! The partner bank's part: its decisions and the card's issue (the job), and
//! closing a card at its holder's request.

use super::read::view;
use super::steps::move_to;
use crate::payments::bank::{Applicant, Decision};
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::time::date_of;
use crate::wallet::card::model::{CardStatus, CardView};
use crate::wallet::card::repo;

/// An approved card is made overnight: the bank is asked to issue it a day after
/// approving it.
const ISSUE_AFTER_MS: i64 = 86_400_000;

/// The job: asks the partner bank to decide applications under review, and to
/// issue approved cards a day after approval (the card's last four digits then
/// show). The bank is asked outside any transaction; its answer moves the
/// application only from the status it was asked about, so a second run or a
/// second server changes nothing twice. A bank that cannot be reached is asked
/// again on the next run.
pub async fn review(deps: &Deps<'_>) -> AppResult<usize> {
    let today = date_of(deps.now);
    let mut changed = 0;
    let (reviewing, approved) = {
        let mut conn = deps.db.pool.acquire().await?;
        (
            repo::in_status(&mut conn, CardStatus::UnderReview.as_str(), deps.now, 200).await?,
            repo::in_status(
                &mut conn,
                CardStatus::Approved.as_str(),
                deps.now - ISSUE_AFTER_MS,
                200,
            )
            .await?,
        )
    };
    for id in reviewing.into_iter().chain(approved) {
        let a = {
            let mut conn = deps.db.pool.acquire().await?;
            match repo::by_id(&mut conn, id).await? {
                Some(a) => a,
                None => continue,
            }
        };
        let reference = format!("card:{id}");
        let from = CardStatus::parse(&a.status).unwrap_or(CardStatus::Closed);
        let asked = match from {
            CardStatus::UnderReview => {
                let applicant = Applicant {
                    reference: reference.clone(),
                    last_name: a.last_name.clone(),
                    birth_date: a.birth_date.clone(),
                };
                deps.bank.review(&applicant, &today).await.map(|d| match d {
                    Decision::Approved => Some((CardStatus::Approved, None)),
                    Decision::Declined => Some((CardStatus::Declined, None)),
                    Decision::Pending => None,
                })
            }
            CardStatus::Approved => deps
                .bank
                .issue(&reference, &today)
                .await
                .map(|l| l.map(|l4| (CardStatus::Active, Some(l4)))),
            _ => continue,
        };
        let (to, last4) = match asked {
            Ok(Some(step)) => step,
            Ok(None) => continue,
            Err(e) => {
                tracing::warn!(error = %e, application = id, "asking the bank failed");
                continue;
            }
        };
        if move_to(deps, &a, from, to, last4.as_deref()).await? {
            changed += 1;
        }
    }
    Ok(changed)
}

/// Closes the shopper's active card at their request: the bank first (nothing
/// changes here if it cannot be reached), then the application becomes closed, and
/// a new application may follow. `confirmed` is the form's "I understand" box.
pub async fn close(deps: &Deps<'_>, user: i64, id: i64, confirmed: bool) -> AppResult<CardView> {
    if !confirmed {
        return Err(AppError::invalid(Field::Request, Problem::Required));
    }
    let a = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::by_id(&mut conn, id)
            .await?
            .filter(|a| a.user_id == user)
            .ok_or(AppError::NotFound)?
    };
    if CardStatus::parse(&a.status) != Some(CardStatus::Active) {
        return Err(AppError::invalid(Field::Request, Problem::Refused));
    }
    if let Err(e) = deps.bank.close(&format!("card:{id}")).await {
        return Err(AppError::internal(format!(
            "the bank could not close card application {id}: {e}"
        )));
    }
    move_to(deps, &a, CardStatus::Active, CardStatus::Closed, None).await?;
    view(deps, user).await?.ok_or(AppError::NotFound)
}
