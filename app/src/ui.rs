//! Shared widgets: the header, prices, product tiles, error pages.

#[cfg(feature = "ssr")]
pub mod csp;
mod error_view;
mod header;
mod price;
mod product_card;

pub use error_view::{ErrorView, NotFoundPage, SignInPage};
pub use header::Header;
pub use price::{Price, RatingBadge};
pub use product_card::{ProductCardView, ProductGrid};
