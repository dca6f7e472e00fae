//! Orders' SQL, nothing else: placing (`place`), reading back (`read`), changing
//! after placing (`change`), the logistics job's (`logistics`), and pickup points
//! (`points`), and seller-shipped postings (`seller`).

mod card;
mod change;
mod ex;
mod logistics;
mod place;
mod points;
mod promo;
mod read;
mod seller;

pub use card::*;
pub use change::*;
pub use ex::Ex;
pub use logistics::*;
pub use place::*;
pub use points::*;
pub use promo::*;
pub use read::*;
pub use seller::*;
