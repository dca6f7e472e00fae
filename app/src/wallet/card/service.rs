//! Applying for the Rynok Card: the form parsed and its secrets sealed, confirmed
//! by a code to the phone, then decided by the partner bank (its sandbox in dev and
//! tests) and issued.

use crate::account::{MAX_CODE_FAILURES, OtpChannel, OtpTarget, code_for, code_mac, wrong_code};
use crate::notify::Message;
use crate::payments::bank::{Applicant, Decision};
use crate::platform::db::{Db, lock_keys};
use crate::platform::request::Requester;
use crate::platform::security::{seal, unseal};
use crate::platform::state::Deps;
use crate::shared::email::Email;
use crate::shared::error::{AppError, AppResult, Blocker, Field, Problem};
use crate::shared::time::date_of;
use crate::wallet::card::model::{
    CardStatus, CardView, Inn, Passport, Snils, check_dates, code_word, issuer_code, mask_passport,
    mask_tail,
};
use crate::wallet::card::repo::{self, CardRow, NewApplication};
use crate::wallet::timeline;
use crate::wallet::withdrawals::model::CodeSent;

/// What the sealed values are for: the key is derived from APP_SECRET for this.
const PURPOSE: &str = "card-application";
const CODE_TTL_MS: i64 = 10 * 60_000;
/// An approved card is made overnight: the bank is asked to issue it a day after
/// approving it.
const ISSUE_AFTER_MS: i64 = 86_400_000;

/// What the application form sends.
pub struct CardForm<'a> {
    pub email: &'a str,
    pub code_word: &'a str,
    pub last_name: &'a str,
    pub first_name: &'a str,
    pub middle_name: &'a str,
    pub birth_date: &'a str,
    pub passport_series: &'a str,
    pub passport_number: &'a str,
    pub issue_date: &'a str,
    pub issuer_code: &'a str,
    /// "inn" or "snils"
    pub document_kind: &'a str,
    pub document: &'a str,
    pub consent: bool,
}

/// A name as a passport writes it: Cyrillic letters and hyphens, 1 to 60.
fn name(raw: &str, field: Field, required: bool) -> AppResult<String> {
    let s = raw.trim();
    if s.is_empty() {
        return if required {
            Err(AppError::invalid(field, Problem::Empty))
        } else {
            Ok(String::new())
        };
    }
    let ok = s.chars().count() <= 60
        && s.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
        });
    if !ok {
        return Err(AppError::invalid(field, Problem::Letters));
    }
    Ok(s.to_string())
}

fn context(user: i64) -> String {
    format!("user:{user}")
}

/// Checks the form, keeps it (secrets sealed) and sends a code to the phone.
pub async fn start(
    deps: &Deps<'_>,
    req: &Requester,
    user: i64,
    f: CardForm<'_>,
) -> AppResult<CodeSent> {
    let today = date_of(deps.now);
    let last = name(f.last_name, Field::LastName, true)?;
    let first = name(f.first_name, Field::FirstName, true)?;
    let middle = name(f.middle_name, Field::MiddleName, false)?;
    let email =
        Email::parse(f.email).map_err(|_| AppError::invalid(Field::Email, Problem::Malformed))?;
    let word = code_word(f.code_word)?;
    let passport = Passport::parse(f.passport_series, f.passport_number)?;
    let issuer = issuer_code(f.issuer_code)?;
    check_dates(f.birth_date.trim(), f.issue_date.trim(), &today)?;
    let document = match f.document_kind {
        "inn" => Inn::parse(f.document)?.as_str().to_string(),
        "snils" => Snils::parse(f.document)?.as_str().to_string(),
        _ => return Err(AppError::invalid(Field::Request, Problem::Unknown)),
    };
    if !f.consent {
        return Err(AppError::invalid(Field::Terms, Problem::Required));
    }
    let phone = crate::account::phone_of(deps.db, user)
        .await?
        .ok_or(AppError::Blocked {
            reasons: vec![Blocker::NoContact],
        })?;
    let word_hash = hash_code_word(&word)?;
    let secret = &deps.settings.secret;
    let target = OtpTarget::Phone(phone.clone(), OtpChannel::Sms);
    let mut tx = deps.db.begin_write().await?;
    lock_keys(&mut tx, &[format!("card:{user}")]).await?;
    if let Some(open) = repo::latest(&mut tx, user).await?
        && CardStatus::parse(&open.status).is_some_and(CardStatus::is_open)
    {
        return Err(AppError::invalid(Field::Request, Problem::Pending));
    }
    let (salt, code) = code_for(&mut tx, deps.settings, &target, &req.ip, deps.now).await?;
    repo::close_drafts(&mut tx, user, deps.now).await?;
    let ctx = context(user);
    let id = repo::insert(
        &mut tx,
        &NewApplication {
            user_id: user,
            email: email.as_str(),
            code_word_hash: &word_hash,
            last_name: &last,
            first_name: &first,
            middle_name: &middle,
            birth_date: f.birth_date.trim(),
            passport_sealed: &seal(secret, PURPOSE, &ctx, passport.as_str()),
            issue_date: f.issue_date.trim(),
            issuer_code: &issuer,
            document_kind: f.document_kind,
            document_sealed: &seal(secret, PURPOSE, &ctx, &document),
            salt: &salt,
            code_hash: &code_mac(secret, &salt, &code),
            code_expires_at: deps.now + CODE_TTL_MS,
            now: deps.now,
        },
    )
    .await?;
    timeline::add(
        &mut tx,
        timeline::CARD_APPLICATIONS,
        id,
        CardStatus::AwaitingCode.as_str(),
        deps.now,
    )
    .await?;
    tx.commit().await?;
    let text = crate::i18n::fill(req.lang.wallet().sms_card_code, &[&code]);
    deps.notifier
        .send(&Message::Sms {
            to: phone.clone(),
            text,
        })
        .await
        .map_err(AppError::internal)?;
    Ok(CodeSent {
        id,
        to: phone.masked(),
    })
}

/// Argon2id with a random salt, in the PHC string format.
fn hash_code_word(word: &str) -> AppResult<String> {
    use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(word.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(AppError::internal)
}

/// Whether `word` is the application's code word (support identifies a caller so).
pub fn code_word_matches(hash: &str, word: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    let Ok(word) = code_word(word) else {
        return false;
    };
    PasswordHash::new(hash).is_ok_and(|h| {
        argon2::Argon2::default()
            .verify_password(word.as_bytes(), &h)
            .is_ok()
    })
}

/// Confirms the application with the code: it goes to the bank for review.
pub async fn confirm(deps: &Deps<'_>, user: i64, id: i64, code: &str) -> AppResult<CardView> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::invalid(Field::Code, Problem::SixDigits));
    }
    let mut tx = deps.db.begin_write().await?;
    lock_keys(&mut tx, &[format!("card:{user}")]).await?;
    let a = repo::by_id(&mut tx, id)
        .await?
        .filter(|a| a.user_id == user)
        .ok_or(AppError::NotFound)?;
    if a.status != CardStatus::AwaitingCode.as_str() || deps.now >= a.code_expires_at {
        return Err(AppError::CodeExpired);
    }
    if a.failures >= MAX_CODE_FAILURES {
        return Err(AppError::CodeBurned);
    }
    if code_mac(&deps.settings.secret, &a.salt, code) != a.code_hash {
        let failures = repo::add_failure(&mut tx, id).await?;
        tx.commit().await?;
        return Err(wrong_code(failures));
    }
    for (from, to) in [
        (CardStatus::AwaitingCode, CardStatus::Submitted),
        (CardStatus::Submitted, CardStatus::UnderReview),
    ] {
        repo::advance(&mut tx, id, from.as_str(), to.as_str(), None, deps.now).await?;
        timeline::add(
            &mut tx,
            timeline::CARD_APPLICATIONS,
            id,
            to.as_str(),
            deps.now,
        )
        .await?;
    }
    tell_in_app(&mut tx, deps.now, user, id, CardStatus::UnderReview, None).await?;
    tx.commit().await?;
    view(deps, user).await?.ok_or(AppError::NotFound)
}

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

/// Moves application `a` from `from` to `to` in one transaction, with its timeline
/// step and the in-app notice; false if it had moved on meanwhile.
async fn move_to(
    deps: &Deps<'_>,
    a: &CardRow,
    from: CardStatus,
    to: CardStatus,
    last4: Option<&str>,
) -> AppResult<bool> {
    let mut tx = deps.db.begin_write().await?;
    if !repo::advance(&mut tx, a.id, from.as_str(), to.as_str(), last4, deps.now).await? {
        return Ok(false);
    }
    timeline::add(
        &mut tx,
        timeline::CARD_APPLICATIONS,
        a.id,
        to.as_str(),
        deps.now,
    )
    .await?;
    tell_in_app(&mut tx, deps.now, a.user_id, a.id, to, last4).await?;
    tx.commit().await?;
    Ok(true)
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

/// Posts the in-app notice that application `id` reached `status` (inside the
/// transaction that moved it there).
async fn tell_in_app(
    tx: &mut crate::platform::db::Tx,
    now: i64,
    user: i64,
    id: i64,
    status: CardStatus,
    last4: Option<&str>,
) -> Result<(), sqlx::Error> {
    timeline::tell(
        tx,
        user,
        now,
        "card",
        id,
        status.as_str(),
        "/account/card".to_string(),
        |lang| {
            let d = lang.wallet();
            match last4 {
                Some(l4) if status == CardStatus::Active => {
                    crate::i18n::fill(d.notice_card_active, &[l4])
                }
                _ => crate::i18n::fill(
                    d.notice_card,
                    &[crate::wallet::i18n::card_status_text(lang, status)],
                ),
            }
        },
    )
    .await
}
