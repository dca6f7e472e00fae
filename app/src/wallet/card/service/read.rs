//! Reading the shopper's application (its secrets unsealed and masked), and
//! whether one is alive.

use crate::platform::db::Db;
use crate::platform::security::unseal;
use crate::platform::state::Deps;
use crate::shared::error::AppResult;
use crate::wallet::card::model::{CardStatus, CardView, mask_passport, mask_tail};
use crate::wallet::card::repo;
use crate::wallet::timeline;

/// What the sealed values are for: the key is derived from APP_SECRET for this.
pub(super) const PURPOSE: &str = "card-application";

pub(super) fn context(user: i64) -> String {
    format!("user:{user}")
}

/// The user's latest application, its secrets masked.
pub async fn view(deps: &Deps<'_>, user: i64) -> AppResult<Option<CardView>> {
    let mut conn = deps.db.pool.acquire().await?;
    let Some(a) = repo::latest(&mut conn, user).await? else {
        return Ok(None);
    };
    let ctx = context(user);
    let secret = &deps.settings.secret;
    let passport = unseal(secret, PURPOSE, &ctx, &a.passport_sealed)
        .map(|p| mask_passport(&p))
        .unwrap_or_else(|| "••••".into());
    let document = unseal(secret, PURPOSE, &ctx, &a.document_sealed)
        .map(|d| {
            let label = if a.document_kind == "inn" {
                "ИНН"
            } else {
                "СНИЛС"
            };
            format!("{label} {}", mask_tail(&d))
        })
        .unwrap_or_else(|| "••••".into());
    let timeline = timeline::of(&mut conn, timeline::CARD_APPLICATIONS, a.id)
        .await?
        .into_iter()
        .filter_map(|(s, at)| CardStatus::parse(&s).map(|s| (s, at)))
        .collect();
    Ok(Some(CardView {
        id: a.id,
        status: CardStatus::parse(&a.status).unwrap_or(CardStatus::Closed),
        name: [
            a.last_name.as_str(),
            a.first_name.as_str(),
            a.middle_name.as_str(),
        ]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" "),
        passport,
        document,
        last4: a.last4,
        timeline,
    }))
}

/// Whether an application or a card is alive (it holds up deleting the account).
pub async fn has_open(db: &Db, user: i64) -> Result<bool, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::latest(&mut conn, user)
        .await?
        .and_then(|a| CardStatus::parse(&a.status))
        .is_some_and(CardStatus::is_open))
}
