//! Applying: the form parsed field by field, its secrets sealed and the code word
//! hashed, then confirmed by a code to the phone.

use super::read::{PURPOSE, context, view};
use super::steps::tell_in_app;
use crate::account::{OtpChannel, OtpTarget, code_for, code_mac, wrong_code};
use crate::platform::db::lock_keys;
use crate::platform::request::Requester;
use crate::platform::security::seal;
use crate::platform::state::Deps;
use crate::shared::email::Email;
use crate::shared::error::{AppError, AppResult, Blocker, Field, Problem};
use crate::shared::time::date_of;
use crate::wallet::card::model::{
    CardStatus, CardView, Inn, Passport, Snils, check_dates, code_word, issuer_code,
};
use crate::wallet::card::repo::{self, NewApplication};
use crate::wallet::withdrawals::model::CodeSent;
use crate::wallet::{proof, timeline};

const CODE_TTL_MS: i64 = 10 * 60_000;

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
    proof::send(deps, &phone, id, text).await
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
    let code = proof::typed_code(code)?;
    let mut tx = deps.db.begin_write().await?;
    lock_keys(&mut tx, &[format!("card:{user}")]).await?;
    let a = repo::by_id(&mut tx, id)
        .await?
        .filter(|a| a.user_id == user)
        .ok_or(AppError::NotFound)?;
    let waiting = proof::Waiting {
        awaiting: a.status == CardStatus::AwaitingCode.as_str(),
        expires_at: a.code_expires_at,
        failures: a.failures,
        salt: &a.salt,
        mac: &a.code_hash,
    };
    if !proof::matches(&deps.settings.secret, deps.now, &waiting, code)? {
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
