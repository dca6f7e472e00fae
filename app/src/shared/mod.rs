//! Value types every domain uses: money in kopecks, phone numbers, emails, card
//! numbers' check, and the one error type that travels to the page. Imports no domain.

pub mod calendar;
pub mod card;
pub mod email;
pub mod error;
pub mod html;
pub mod money;
pub mod phone;
pub mod stored;
pub mod time;
pub mod url;
