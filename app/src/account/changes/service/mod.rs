//! Changing what identifies an account: adding an email, changing the phone (with a
//! proof of the current number, or the 14-day path when it is lost), deleting the
//! profile. Each step is proven by a one-time code under the same rules as sign-in.

mod apply;
mod deletion;
mod due;
mod open;
mod recovery;
mod start;

pub use apply::confirm;
pub use deletion::{DELETION_REASONS, deletion_blockers, start_delete};
pub use due::{apply_due, cancel_waiting};
pub use open::{LOST_PHONE_WAIT_MS, Opening, lock_account, open_change, proof_target};
pub use recovery::request_recovery;
pub use start::{pending_for, start_email, start_phone, start_reauth};
