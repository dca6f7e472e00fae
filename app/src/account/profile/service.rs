//! The profile: who the person is, as the header and "My data" show it.

use crate::account::changes::service::pending_for;
use crate::account::profile::model::{AccountView, FirstOrderDiscount, Me, Profile};
use crate::account::profile::repo::{self, ProfileRow, UserRow};
use crate::platform::db::Db;
use crate::shared::error::AppResult;

fn me_of(u: &UserRow) -> Me {
    Me {
        id: u.id,
        name: format!("{} {}", u.first_name, u.last_name)
            .trim()
            .to_string(),
        phone: u.phone.as_ref().map(|p| p.display()).unwrap_or_default(),
        email: u.email.as_ref().map(|e| e.as_str().to_string()),
        email_verified: u.email_verified,
    }
}

/// The account as the header sees it; none if it is gone.
pub async fn me(db: &Db, user_id: i64) -> AppResult<Option<Me>> {
    Ok(repo::user_by_id(&db.pool, user_id)
        .await?
        .as_ref()
        .map(me_of))
}

/// Everything "My data" shows: the profile, a change waiting for its code or its
/// 14 days, the discounts not used yet.
pub async fn account_view(db: &Db, user_id: i64) -> AppResult<Option<AccountView>> {
    let Some(u) = repo::user_by_id(&db.pool, user_id).await? else {
        return Ok(None);
    };
    let p = repo::profile(db, u.id).await?;
    let (pending_code, waiting_phone) = pending_for(db, u.id).await?;
    let discounts = repo::open_discounts(db, u.id)
        .await?
        .into_iter()
        .map(|(_, pct, max)| (pct, max))
        .collect();
    Ok(Some(AccountView {
        me: me_of(&u),
        profile: Profile {
            last_name: p.last_name,
            first_name: p.first_name,
            middle_name: p.middle_name,
            gender: p.gender,
            birth_date: p.birth_date.unwrap_or_default(),
            newsletter: p.newsletter,
            chat_emails: p.chat_emails,
        },
        pending_code,
        waiting_phone,
        discounts,
    }))
}

/// How the account signs what it writes in public (a review): the first name and
/// the last name's initial ("Мария И."), or empty when the profile has no name.
pub async fn public_name(db: &Db, user_id: i64) -> AppResult<String> {
    let p = repo::profile(db, user_id).await?;
    let first = p.first_name.trim();
    Ok(
        match (first.is_empty(), p.last_name.trim().chars().next()) {
            (true, _) => String::new(),
            (false, Some(c)) => format!("{first} {c}."),
            (false, None) => first.to_string(),
        },
    )
}

/// Saves a parsed profile.
pub async fn save(db: &Db, user_id: i64, p: Profile) -> AppResult<()> {
    let row = ProfileRow {
        last_name: p.last_name,
        first_name: p.first_name,
        middle_name: p.middle_name,
        gender: p.gender,
        birth_date: (!p.birth_date.is_empty()).then_some(p.birth_date),
        newsletter: p.newsletter,
        chat_emails: p.chat_emails,
    };
    repo::save_profile(db, user_id, &row).await?;
    Ok(())
}

/// The account's phone number, if it has one.
pub async fn phone_of(db: &Db, user_id: i64) -> AppResult<Option<crate::shared::phone::Phone>> {
    Ok(repo::user_by_id(&db.pool, user_id)
        .await?
        .and_then(|u| u.phone))
}

/// The account's email, if it is verified.
pub async fn verified_email_of(
    db: &Db,
    user_id: i64,
) -> AppResult<Option<crate::shared::email::Email>> {
    Ok(repo::user_by_id(&db.pool, user_id)
        .await?
        .filter(|u| u.email_verified)
        .and_then(|u| u.email))
}

/// Where to email the account about a message left unread: its verified email,
/// unless it turned such emails off in "My data".
pub async fn chat_email_of(
    db: &Db,
    user_id: i64,
) -> AppResult<Option<crate::shared::email::Email>> {
    let Some(email) = verified_email_of(db, user_id).await? else {
        return Ok(None);
    };
    Ok(repo::profile(db, user_id)
        .await?
        .chat_emails
        .then_some(email))
}

/// When the account's phone or email last changed, if ever: withdrawals wait a day
/// after it.
pub async fn last_contact_change(db: &Db, user_id: i64) -> AppResult<Option<i64>> {
    Ok(crate::account::changes::repo::last_contact_change(&db.pool, user_id).await?)
}

/// The first-order discount `user` can still use.
pub async fn first_order_discount(db: &Db, user: i64) -> AppResult<Option<FirstOrderDiscount>> {
    let mut c = db.pool.acquire().await?;
    Ok(repo::first_order_discount(&mut c, user)
        .await?
        .map(discount_of))
}

fn discount_of((percent, max): (i64, i64)) -> FirstOrderDiscount {
    FirstOrderDiscount {
        percent,
        max: crate::shared::money::Money::from_kopecks(max),
    }
}

/// Inside the caller's transaction: the first-order discount `user` can still use.
pub async fn first_order_discount_in(
    tx: &mut crate::platform::db::Tx,
    user: i64,
) -> Result<Option<FirstOrderDiscount>, sqlx::Error> {
    Ok(repo::first_order_discount(tx, user).await?.map(discount_of))
}

/// Inside the caller's transaction, `order` uses `user`'s first-order discount:
/// whether it was still there.
pub async fn use_first_order_discount_in(
    tx: &mut crate::platform::db::Tx,
    user: i64,
    order: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    repo::use_first_order_discount(tx, user, order, now).await
}

/// Inside the caller's transaction: `order` of `user` was let go with nothing
/// received, and the discount it used is the account's again.
pub async fn restore_discount_in(
    tx: &mut crate::platform::db::Tx,
    user: i64,
    order: i64,
) -> Result<(), sqlx::Error> {
    repo::restore_discount_of(tx, user, order).await
}
