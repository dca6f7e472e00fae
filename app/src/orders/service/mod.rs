//! Orders' use cases: placing (`place`), reading back (`read`), cancelling
//! (`cancel`), and the pickup points checkout offers (`points`).

mod cancel;
mod logistics;
mod pickup;
mod place;
mod points;
mod read;
mod release;

pub use cancel::cancel;
pub use logistics::{EXTENSION_DAYS, extend_storage, run as run_logistics};
pub use pickup::{find as find_for_pickup, hand_over, refuse};
pub use place::{PlaceRequest, place};
pub use points::{cities, pickup_delivery, pickup_point, points_in};
pub use read::{PAGE, deletion_blockers, list, point_text, view};
