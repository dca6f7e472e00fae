//! A passkey as the Security page lists it: both builds.

use serde::{Deserialize, Serialize};

/// One passkey in the "Security" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyInfo {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}
