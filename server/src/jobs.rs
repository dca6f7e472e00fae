//! Background jobs: every minute, apply what has fallen due (phone changes after
//! their 14 days), release ledger reservations past their deadline, and erase the
//! sealed copies of sign-in codes that expired, move postings of Rynok's warehouse
//! on and return the ones not collected, cancel returns not dropped off, email
//! the notices about orders, and email shoppers about messages left unread for 15
//! minutes. Safe with several servers: each change is applied in
//! one transaction that re-checks its state, and erasing twice erases nothing more.

use app::platform::state::AppState;
use std::time::Duration;

/// Runs the due work once; answers how many items it handled.
pub async fn run_once(state: &AppState) -> Result<usize, app::shared::error::AppError> {
    let deps = state.deps();
    let applied = app::account::changes::service::apply_due(&deps).await?;
    let expired = app::wallet::ledger::service::expire_due(&state.db, deps.now).await?;
    let points = app::wallet::points::service::expire_due(&state.db, deps.now).await?;
    let topups = app::wallet::topups::service::reconcile(&deps).await?;
    let withdrawals = app::wallet::withdrawals::service::settle(&deps).await?;
    let cards = app::wallet::card::service::review(&deps).await?;
    let postings = app::orders::service::run_logistics(&deps).await?;
    let payments = app::orders::service::reconcile_payments(&deps).await?;
    let returns = app::orders::expire_returns(&deps).await?;
    app::account::security::repo::erase_expired_codes(&state.db, deps.now).await?;
    // Last: emails for what the steps above told in the inbox.
    let emails = app::inbox::email_pending(&deps).await?;
    let unread = app::chat::email_unread(&deps).await?;
    Ok(applied
        + expired
        + points
        + topups
        + withdrawals
        + cards
        + postings
        + payments
        + returns
        + emails
        + unread)
}

pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match run_once(&state).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(applied = n, "due changes applied and reservations released")
                }
                Err(e) => tracing::error!(error = %e, "background job failed"),
            }
        }
    });
}
