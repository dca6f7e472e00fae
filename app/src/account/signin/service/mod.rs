//! Signing in with a one-time code: the rules of NIST SP 800-63B for out-of-band
//! codes. Six digits from the operating system's CSPRNG, kept only as an HMAC bound
//! to one attempt, valid five minutes, single use, burnt after five wrong entries;
//! sends limited per number, per number prefix and per IP. No answer tells whether
//! a number or an email has an account.

mod attempt;
mod send;
mod sign_in;
mod step;
mod verify;

pub use attempt::{ATTEMPT_TTL_MS, FIRST_ORDER_MAX_KOPECKS, FIRST_ORDER_PERCENT};
pub use send::{resend, start};
pub use sign_in::sign_in;
pub use step::step;
pub use verify::{Verified, accept_terms, verify};
