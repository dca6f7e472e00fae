//! Passkeys (WebAuthn via webauthn-rs): add one to the account (named), list and
//! remove them, and sign in with one without typing anything (a discoverable
//! credential: the authenticator tells us whose it is).

use crate::account::passkeys::repo::{self as repo, NewChallenge};
use crate::account::profile::repo as users;
use crate::account::security::model::EventKind;
use crate::account::security::model::Notice;
use crate::account::security::service::log;
use crate::account::session::model::{SessionRow, is_fresh};
use crate::platform::request::Requester;
use crate::platform::security::{hash_token, random_token};
use crate::platform::state::Deps;
use crate::platform::state::Settings;
use crate::shared::error::{AppError, AppResult};
use crate::shared::error::{Field, Problem};
use webauthn_rs::prelude::*;

/// A ceremony must finish within this long.
pub const CEREMONY_TTL_MS: i64 = 5 * 60_000;
/// Passkey sign-ins under way at once, over all clients, before new ones wait.
pub const MAX_OPEN_CEREMONIES: i64 = 50_000;

/// The relying party: our public URL's host, its origin the only one allowed.
/// WebAuthn refuses IP addresses, so a shop on 127.0.0.1 offers passkeys as
/// `localhost` (open it as http://localhost:PORT to use them).
pub fn webauthn(settings: &Settings) -> AppResult<Webauthn> {
    let mut origin = Url::parse(&settings.public_url).map_err(AppError::internal)?;
    if matches!(origin.host_str(), Some("127.0.0.1" | "[::1]")) {
        origin
            .set_host(Some("localhost"))
            .map_err(AppError::internal)?;
    }
    let rp_id = origin.host_str().ok_or(AppError::Internal)?.to_string();
    WebauthnBuilder::new(&rp_id, &origin)
        .map_err(AppError::internal)?
        .rp_name("Rynok")
        .build()
        .map_err(AppError::internal)
}

/// A passkey's name as typed: 1 to 50 printable characters.
pub fn parse_name(raw: &str) -> AppResult<String> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > 50 || name.chars().any(char::is_control) {
        return Err(AppError::invalid(Field::Name, Problem::Length));
    }
    Ok(name)
}

fn b64u(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 2);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        let chars = [18, 12, 6, 0].map(|s| ALPHABET[((n >> s) & 63) as usize] as char);
        out.extend(&chars[..chunk.len() + 1]);
    }
    out
}

/// Starts adding a passkey: the options for `navigator.credentials.create` (JSON)
/// and the token of the ceremony for its cookie.
pub async fn register_start(
    deps: &Deps<'_>,
    me: &SessionRow,
    name: &str,
) -> AppResult<(String, String)> {
    // A passkey is a way to sign in: a stolen session must prove the account
    // afresh (a code to its phone) before it can add one.
    if !is_fresh(me, deps.now) {
        return Err(AppError::ReauthRequired);
    }
    let user_id = me.user_id;
    let user = users::user_by_id(&deps.db.pool, user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let phone = user.phone.map(|p| p.display()).unwrap_or_default();
    let phone = phone.as_str();
    let name = parse_name(name)?;
    let wa = webauthn(deps.settings)?;
    let mut tx = deps.db.begin_write().await?;
    let handle = match repo::webauthn_id(&mut tx, user_id).await? {
        Some(h) => Uuid::parse_str(&h).map_err(AppError::internal)?,
        None => {
            let h = Uuid::new_v4();
            repo::set_webauthn_id(&mut tx, user_id, &h.to_string()).await?;
            h
        }
    };
    let existing: Vec<CredentialID> = repo::passkeys(deps.db, user_id)
        .await?
        .into_iter()
        .filter_map(|(_, _, json, _, _)| serde_json::from_str::<Passkey>(&json).ok())
        .map(|p| p.cred_id().clone())
        .collect();
    let (options, state) = wa
        .start_passkey_registration(handle, phone, phone, Some(existing))
        .map_err(AppError::internal)?;
    // Ask for a discoverable credential, so that signing in needs no number.
    let mut options = serde_json::to_value(&options).map_err(AppError::internal)?;
    if let Some(sel) = options.pointer_mut("/publicKey/authenticatorSelection") {
        sel["residentKey"] = "required".into();
        sel["requireResidentKey"] = true.into();
    }
    let token = random_token();
    repo::insert_challenge(
        &mut tx,
        NewChallenge {
            token_hash: &hash_token(&token),
            user_id: Some(user_id),
            kind: "register",
            state: &serde_json::to_string(&state).map_err(AppError::internal)?,
            name: &name,
            now: deps.now,
        },
        deps.now - CEREMONY_TTL_MS,
    )
    .await?;
    tx.commit().await?;
    Ok((options.to_string(), token))
}

/// Finishes adding a passkey with what the browser's authenticator answered.
pub async fn register_finish(
    deps: &Deps<'_>,
    req: &Requester,
    user_id: i64,
    token: &str,
    credential: &str,
) -> AppResult<()> {
    let reg: RegisterPublicKeyCredential = serde_json::from_str(credential)
        .map_err(|_| AppError::invalid(Field::Credential, Problem::Malformed))?;
    let wa = webauthn(deps.settings)?;
    let mut tx = deps.db.begin_write().await?;
    let c = repo::take_challenge(&mut tx, &hash_token(token), deps.now)
        .await?
        .filter(|c| {
            c.kind == "register"
                && c.user_id == Some(user_id)
                && deps.now - c.created_at < CEREMONY_TTL_MS
        })
        .ok_or(AppError::CodeExpired)?;
    let state: PasskeyRegistration = serde_json::from_str(&c.state).map_err(AppError::internal)?;
    let passkey = match wa.finish_passkey_registration(&reg, &state) {
        Ok(p) => p,
        Err(e) => {
            tracing::info!(error = %e, "passkey registration refused");
            log(
                &mut tx,
                Some(user_id),
                EventKind::PasskeyFailed,
                "",
                req,
                deps.now,
            )
            .await?;
            tx.commit().await?;
            return Err(AppError::invalid(Field::Credential, Problem::Rejected));
        }
    };
    let json = serde_json::to_string(&passkey).map_err(AppError::internal)?;
    repo::insert_passkey(
        &mut tx,
        user_id,
        &c.name,
        &b64u(passkey.cred_id()),
        &json,
        deps.now,
    )
    .await?;
    log(
        &mut tx,
        Some(user_id),
        EventKind::PasskeyAdded,
        &c.name,
        req,
        deps.now,
    )
    .await?;
    let d = req.lang.account();
    let notice = Notice::PasskeyAdded {
        name: c.name.clone(),
    };
    crate::account::security::repo::add_security_message(&mut tx, user_id, &notice, deps.now)
        .await?;
    if let Some(user) = users::user_by_id(&mut *tx, user_id).await? {
        let text = crate::i18n::fill(d.msg_passkey_added, &[&c.name]);
        crate::account::security::service::email_account(
            deps,
            &user,
            d.email_contact_changed_subject,
            text,
        );
        let sms = crate::i18n::fill(d.sms_passkey_added, &[&c.name]);
        crate::account::security::service::sms_account(deps, &user, sms);
    }
    tx.commit().await?;
    Ok(())
}

/// Starts signing in with a passkey: options for `navigator.credentials.get` and the
/// ceremony's token.
pub async fn login_start(deps: &Deps<'_>) -> AppResult<(String, String)> {
    let wa = webauthn(deps.settings)?;
    let (options, state) = wa
        .start_discoverable_authentication()
        .map_err(AppError::internal)?;
    let token = random_token();
    let mut tx = deps.db.begin_write().await?;
    // A flood from many addresses still cannot grow the table without end.
    if repo::live_challenges(&mut tx, deps.now - CEREMONY_TTL_MS).await? >= MAX_OPEN_CEREMONIES {
        return Err(AppError::TooManyRequests {
            retry_after_secs: 60,
        });
    }
    repo::insert_challenge(
        &mut tx,
        NewChallenge {
            token_hash: &hash_token(&token),
            user_id: None,
            kind: "auth",
            state: &serde_json::to_string(&state).map_err(AppError::internal)?,
            name: "",
            now: deps.now,
        },
        deps.now - CEREMONY_TTL_MS,
    )
    .await?;
    tx.commit().await?;
    let options = serde_json::to_string(&options).map_err(AppError::internal)?;
    Ok((options, token))
}

/// Finishes signing in with a passkey; answers the new session's token.
pub async fn login_finish(
    deps: &Deps<'_>,
    req: &Requester,
    token: &str,
    credential: &str,
) -> AppResult<String> {
    let cred: PublicKeyCredential = serde_json::from_str(credential)
        .map_err(|_| AppError::invalid(Field::Credential, Problem::Malformed))?;
    let wa = webauthn(deps.settings)?;
    let mut tx = deps.db.begin_write().await?;
    let c = repo::take_challenge(&mut tx, &hash_token(token), deps.now)
        .await?
        .filter(|c| c.kind == "auth" && deps.now - c.created_at < CEREMONY_TTL_MS)
        .ok_or(AppError::CodeExpired)?;
    let state: DiscoverableAuthentication =
        serde_json::from_str(&c.state).map_err(AppError::internal)?;
    let refused = || AppError::invalid(Field::Credential, Problem::Rejected);
    let (handle, cred_id) = wa
        .identify_discoverable_authentication(&cred)
        .map_err(|_| refused())?;
    let user_id = repo::user_by_webauthn_id(&mut tx, &handle.to_string())
        .await?
        .ok_or_else(refused)?;
    let (passkey_id, json) = repo::passkey_by_credential(&mut tx, user_id, &b64u(cred_id))
        .await?
        .ok_or_else(refused)?;
    let mut passkey: Passkey = serde_json::from_str(&json).map_err(AppError::internal)?;
    let result = match wa.finish_discoverable_authentication_v2(&cred, state, &passkey) {
        Ok(r) => r,
        Err(e) => {
            tracing::info!(error = %e, "passkey sign-in refused");
            log(
                &mut tx,
                Some(user_id),
                EventKind::SigninFailed,
                "passkey",
                req,
                deps.now,
            )
            .await?;
            tx.commit().await?;
            return Err(refused());
        }
    };
    passkey.update_credential(&result);
    let json = serde_json::to_string(&passkey).map_err(AppError::internal)?;
    repo::update_passkey(&mut tx, passkey_id, &json, deps.now).await?;
    let user = users::user_by_id(&mut *tx, user_id)
        .await?
        .ok_or_else(refused)?;
    let session =
        crate::account::signin::service::sign_in(&mut tx, deps, req, &user, "passkey").await?;
    tx.commit().await?;
    Ok(session)
}

/// Removes one of the account's passkeys.
pub async fn remove(deps: &Deps<'_>, req: &Requester, user_id: i64, id: i64) -> AppResult<()> {
    let mut tx = deps.db.begin_write().await?;
    if !repo::delete_passkey(&mut tx, user_id, id).await? {
        return Err(AppError::NotFound);
    }
    log(
        &mut tx,
        Some(user_id),
        EventKind::PasskeyRemoved,
        &id.to_string(),
        req,
        deps.now,
    )
    .await?;
    let d = req.lang.account();
    let notice = Notice::PasskeyRemoved;
    crate::account::security::repo::add_security_message(&mut tx, user_id, &notice, deps.now)
        .await?;
    if let Some(user) = users::user_by_id(&mut *tx, user_id).await? {
        let text = d.msg_passkey_removed.to_string();
        crate::account::security::service::email_account(
            deps,
            &user,
            d.email_contact_changed_subject,
            text,
        );
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_ids() {
        assert_eq!(parse_name("  Мой   ноутбук ").unwrap(), "Мой ноутбук");
        assert!(parse_name("").is_err());
        assert!(parse_name(&"я".repeat(51)).is_err());
        assert_eq!(b64u(b"\xfb\xff"), "-_8");
        assert_eq!(b64u(b"Man"), "TWFu");
    }

    #[test]
    fn the_relying_party_is_the_public_host() {
        let mut s = Settings::for_tests();
        s.public_url = "http://localhost:3000".into();
        assert!(webauthn(&s).is_ok());
        s.public_url = "http://127.0.0.1:3000".into();
        assert!(webauthn(&s).is_ok(), "loopback is offered as localhost");
    }
}
