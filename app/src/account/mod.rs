//! Rynok ID: who a shopper is and how they prove it. Each sub-domain is a folder
//! of one shape (`model.rs` types and pure rules, `api.rs` server functions,
//! `service.rs` use cases, `repo.rs` SQL, `pages.rs` views); they depend on each
//! other in one direction: otp and security at the bottom, then session, profile,
//! signin, changes, passkeys and oidc.

pub mod changes;
pub mod i18n;
pub mod oidc;
pub mod otp;
pub mod passkeys;
pub mod profile;
pub mod routes;
pub mod security;
pub mod session;
pub mod signin;

// The public face: what the shell, other domains and the server use.
pub use i18n::{error_text as account_error_text, wait_text};
#[cfg(feature = "ssr")]
pub use otp::model::{
    Channel as OtpChannel, MAX_FAILURES as MAX_CODE_FAILURES, Target as OtpTarget,
};
#[cfg(feature = "ssr")]
pub use otp::service::{code_for, code_mac, wrong_code};
pub use profile::api::get_me;
pub use profile::model::{FirstOrderDiscount, Me};
pub use profile::pages::account_nav;
#[cfg(feature = "ssr")]
pub use profile::service::{
    chat_email_of, first_order_discount, first_order_discount_in, last_contact_change, me,
    phone_of, public_name, restore_discount_in, use_first_order_discount_in, verified_email_of,
};
pub use routes::{AccountRoute, RecoveryRoute, SecurityRoute, SignInRoute, sign_in_flow};
pub use security::api::get_security_feed;
pub use security::model::SecurityMessage;
#[cfg(feature = "ssr")]
pub use security::service::unread as security_unread;
#[cfg(feature = "ssr")]
pub use session::service::RequestSession;
#[cfg(feature = "ssr")]
pub use session::service::{current as current_session, peek_with as peek_session_with, signed_in};
pub use signin::pages::SignInFlow;
