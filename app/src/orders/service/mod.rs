//! Orders' use cases: placing (`place`), reading back (`read`), cancelling
//! (`cancel`), and the pickup points checkout offers (`points`).

mod cancel;
mod place;
mod points;
mod read;

pub use cancel::cancel;
pub use place::{PICKUP_CODE_DIGITS, PlaceRequest, place};
pub use points::{cities, pickup_delivery, pickup_point, points_in};
pub use read::{PAGE, deletion_blockers, list, point_text, view};
