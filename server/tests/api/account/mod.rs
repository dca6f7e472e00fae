//! Rynok ID through the real server: sign-in, codes and their limits, sessions,
//! changes and deletion, email delivery, passkeys, OpenID Connect, and the fixes
//! of the security review.

mod changes;
mod codes;
mod deletion;
mod email;
mod limits;
mod oidc;
mod passkeys;
mod races;
mod review;
mod sessions;
mod signin;
