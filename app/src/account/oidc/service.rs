//! "Sign in with ..." over OpenID Connect (the openidconnect crate): authorization
//! code with PKCE, state and nonce. The state is single use and bound to the browser
//! by a cookie; the ID token's signature, issuer, audience, expiry and nonce are
//! checked. An account is found by its link to the provider's subject, else by the
//! same verified phone or email, else created.

use crate::account::oidc::repo;
use crate::account::profile::repo as users;
use crate::account::security::model::EventKind;
use crate::shared::email::Email;
use crate::shared::error::{Field, Problem};

use crate::account::profile::repo::UserRow;
use crate::account::security::service::log;
use crate::platform::db::Tx;
use crate::platform::request::Requester;
use crate::platform::security::{hash_token, random_token};
use crate::platform::state::Deps;
use crate::platform::state::OidcProvider;
use crate::shared::error::{AppError, AppResult};
use crate::shared::phone::Phone;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, Scope, TokenResponse,
};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// An authorization request must come back within this long.
pub const FLOW_TTL_MS: i64 = 10 * 60_000;
/// Sign-ins with a provider under way at once, over all clients.
pub const MAX_OPEN_FLOWS: i64 = 50_000;

fn http_client() -> AppResult<reqwest::Client> {
    reqwest::ClientBuilder::new()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(AppError::internal)
}

pub fn provider<'a>(deps: &'a Deps<'_>, name: &str) -> AppResult<&'a OidcProvider> {
    deps.settings
        .oidc
        .iter()
        .find(|p| p.name == name)
        .ok_or(AppError::NotFound)
}

pub fn redirect_url(public_url: &str, provider: &str) -> String {
    format!(
        "{}/auth/oidc/{provider}/callback",
        public_url.trim_end_matches('/')
    )
}

/// How long a provider's discovery document (with its signing keys) is reused.
pub const DISCOVERY_TTL_MS: i64 = 15 * 60_000;

/// Discovery documents by issuer, with when they were fetched: a sign-in costs the
/// provider two round trips fewer. A refused ID token drops its issuer's entry, so
/// rotated keys are fetched again at the next attempt.
static DISCOVERED: LazyLock<Mutex<HashMap<String, (i64, CoreProviderMetadata)>>> =
    LazyLock::new(Default::default);

fn discovered() -> std::sync::MutexGuard<'static, HashMap<String, (i64, CoreProviderMetadata)>> {
    DISCOVERED.lock().unwrap_or_else(|e| e.into_inner())
}

async fn metadata(
    p: &OidcProvider,
    http: &reqwest::Client,
    now: i64,
) -> AppResult<CoreProviderMetadata> {
    if let Some((at, meta)) = discovered().get(&p.issuer)
        && (*at..*at + DISCOVERY_TTL_MS).contains(&now)
    {
        return Ok(meta.clone());
    }
    let issuer = IssuerUrl::new(p.issuer.clone()).map_err(AppError::internal)?;
    let meta = CoreProviderMetadata::discover_async(issuer, http)
        .await
        .map_err(AppError::internal)?;
    discovered().insert(p.issuer.clone(), (now, meta.clone()));
    Ok(meta)
}

/// The client for one provider, as `from_provider_metadata` makes it.
type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

async fn client(deps: &Deps<'_>, p: &OidcProvider, http: &reqwest::Client) -> AppResult<Client> {
    let meta = metadata(p, http, deps.now).await?;
    Ok(CoreClient::from_provider_metadata(
        meta,
        ClientId::new(p.client_id.clone()),
        Some(ClientSecret::new(p.client_secret.clone())),
    )
    .set_redirect_uri(
        RedirectUrl::new(redirect_url(&deps.settings.public_url, &p.name))
            .map_err(AppError::internal)?,
    ))
}

/// The configured providers: (name, button label).
pub fn providers(settings: &crate::platform::state::Settings) -> Vec<(String, String)> {
    settings
        .oidc
        .iter()
        .map(|p| (p.name.clone(), p.label.clone()))
        .collect()
}

/// Starts a sign-in with `provider`: answers the provider's authorization URL and the
/// browser token for the cookie.
pub async fn start(
    deps: &Deps<'_>,
    provider_name: &str,
    next: &str,
) -> AppResult<(String, String)> {
    let p = provider(deps, provider_name)?;
    let http = http_client()?;
    let client = client(deps, p, &http).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge);
    for scope in p.scopes.iter().filter(|s| *s != "openid") {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    if p.form_post {
        request = request.add_extra_param("response_mode", "form_post");
    }
    let (url, state, nonce) = request.url();
    let browser = random_token();
    let mut tx = deps.db.begin_write().await?;
    // A flood from many addresses still cannot grow the table without end.
    let open = repo::prune_flows(&mut tx, deps.now - FLOW_TTL_MS).await?;
    if open >= MAX_OPEN_FLOWS {
        return Err(AppError::TooManyRequests {
            retry_after_secs: 60,
        });
    }
    let flow = repo::NewFlow {
        state_hash: &hash_token(state.secret()),
        browser_hash: &hash_token(&browser),
        provider: &p.name,
        pkce_verifier: verifier.secret(),
        nonce: nonce.secret(),
        next,
        now: deps.now,
    };
    repo::insert_flow(&mut tx, flow).await?;
    tx.commit().await?;
    Ok((url.to_string(), browser))
}

/// What the provider vouched for.
#[derive(Debug, Clone)]
pub struct Identity {
    pub subject: String,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
}

/// Finishes a sign-in: checks the state against this browser, exchanges the code
/// (with the PKCE verifier), verifies the ID token, finds or creates the account and
/// signs in. Answers the session token and where to go.
pub async fn finish(
    deps: &Deps<'_>,
    req: &Requester,
    provider_name: &str,
    code: &str,
    state: &str,
    browser: Option<&str>,
) -> AppResult<(String, String)> {
    let p = provider(deps, provider_name)?;
    let refused = || AppError::invalid(Field::Oidc, Problem::Refused);
    // The flow: single use, this provider, this browser, not stale.
    let mut tx = deps.db.begin_write().await?;
    let flow = repo::take_flow(&mut tx, &hash_token(state), deps.now)
        .await?
        .ok_or_else(refused)?;
    tx.commit().await?;
    if browser.map(hash_token).as_deref() != Some(flow.browser_hash.as_str())
        || flow.provider != p.name
        || deps.now - flow.created_at >= FLOW_TTL_MS
    {
        return Err(refused());
    }
    let (verifier, nonce, next) = (flow.pkce_verifier, flow.nonce, flow.next);

    let http = http_client()?;
    let client = client(deps, p, &http).await?;
    let tokens = client
        .exchange_code(AuthorizationCode::new(code.to_string()))
        .map_err(AppError::internal)?
        .set_pkce_verifier(PkceCodeVerifier::new(verifier))
        .request_async(&http)
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, provider = %p.name, "code exchange failed");
            refused()
        })?;
    let id_token = tokens.id_token().ok_or_else(refused)?;
    let claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(nonce))
        .map_err(|e| {
            tracing::warn!(error = %e, provider = %p.name, "ID token refused");
            discovered().remove(&p.issuer);
            refused()
        })?;
    let mut identity = Identity {
        subject: claims.subject().as_str().to_string(),
        phone: claims
            .phone_number()
            .filter(|_| claims.phone_number_verified() == Some(true))
            .and_then(|n| Phone::parse(n.as_str()).ok()),
        email: claims
            .email()
            .filter(|_| claims.email_verified() == Some(true))
            .and_then(|e| Email::parse(e.as_str()).ok()),
    };
    // Some providers (Sber ID among them) give the phone and email only at the
    // userinfo endpoint; the subject must be the ID token's.
    if identity.phone.is_none()
        && identity.email.is_none()
        && let Ok(request) = client.user_info(
            tokens.access_token().clone(),
            Some(claims.subject().clone()),
        )
    {
        let info: Result<openidconnect::core::CoreUserInfoClaims, _> =
            request.request_async(&http).await;
        match info {
            Ok(info) => {
                identity.phone = info
                    .phone_number()
                    .filter(|_| info.phone_number_verified() == Some(true))
                    .and_then(|n| Phone::parse(n.as_str()).ok());
                identity.email = info
                    .email()
                    .filter(|_| info.email_verified() == Some(true))
                    .and_then(|e| Email::parse(e.as_str()).ok());
            }
            Err(e) => tracing::warn!(error = %e, provider = %p.name, "userinfo failed"),
        }
    }
    let session = sign_in(deps, req, &p.name, &identity).await?;
    Ok((session, next))
}

/// Links or creates the account for a verified identity and signs it in.
pub async fn sign_in(
    deps: &Deps<'_>,
    req: &Requester,
    provider: &str,
    who: &Identity,
) -> AppResult<String> {
    let now = deps.now;
    let mut tx = deps.db.begin_write().await?;
    let user = match linked(&mut tx, provider, &who.subject).await? {
        Some(u) => u,
        None => {
            let found = match (&who.phone, &who.email) {
                (Some(phone), _) if users::user_by_phone(&mut tx, phone).await?.is_some() => {
                    users::user_by_phone(&mut tx, phone).await?
                }
                (_, Some(email)) => users::user_by_verified_email(&mut tx, email).await?,
                _ => None,
            };
            let user = match found {
                Some(u) => u,
                None => create(&mut tx, deps, req, who).await?,
            };
            repo::link(&mut tx, provider, &who.subject, user.id, now).await?;
            log(
                &mut tx,
                Some(user.id),
                EventKind::OidcLinked,
                provider,
                req,
                now,
            )
            .await?;
            user
        }
    };
    let token = crate::account::signin::service::sign_in(
        &mut tx,
        deps,
        req,
        &user,
        &format!("oidc:{provider}"),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

async fn linked(tx: &mut Tx, provider: &str, subject: &str) -> AppResult<Option<UserRow>> {
    match repo::linked_user(tx, provider, subject).await? {
        Some(id) => Ok(users::user_by_id(&mut **tx, id).await?),
        None => Ok(None),
    }
}

/// A new account from a provider's verified phone and/or email (the button says
/// that continuing accepts the terms).
async fn create(
    tx: &mut Tx,
    deps: &Deps<'_>,
    req: &Requester,
    who: &Identity,
) -> AppResult<UserRow> {
    let now = deps.now;
    let id = users::create_user_from(tx, who.phone.as_ref(), who.email.as_ref(), now).await?;
    users::grant_discount(
        tx,
        id,
        "first_order",
        crate::account::signin::service::FIRST_ORDER_PERCENT,
        crate::account::signin::service::FIRST_ORDER_MAX_KOPECKS,
        now,
    )
    .await?;
    log(tx, Some(id), EventKind::Signup, "oidc", req, now).await?;
    users::user_by_id(&mut **tx, id)
        .await?
        .ok_or(AppError::Internal)
}
