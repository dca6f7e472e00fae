//! Orders' SQL, nothing else: placing (`place`), reading back (`read`), changing
//! after placing (`change`), and pickup points (`points`).

mod change;
mod ex;
mod place;
mod points;
mod read;

pub use change::*;
pub use ex::Ex;
pub use place::*;
pub use points::*;
pub use read::*;
