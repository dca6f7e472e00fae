//! The catalogue: categories, products, listings with filters, search.

pub mod alerts;
pub mod api;
pub mod favourites;
pub mod filters;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod tally;

// The public face.
#[cfg(feature = "ssr")]
pub use alerts::service::on_account_erased as alerts_on_account_erased;
pub use api::{get_menu, suggest};
pub use favourites::routes::FavouritesRoute;
#[cfg(feature = "ssr")]
pub use favourites::service::on_account_erased as favourites_on_account_erased;
pub use model::{ProductCard, Rating, product_path};
pub use pages::{
    CategoryPage, HomePage, ProductCardView, ProductGrid, ProductPage, RatingBadge, SearchPage,
};
#[cfg(feature = "ssr")]
pub use repo::card_from_row;
#[cfg(feature = "ssr")]
pub use repo::search;
#[cfg(feature = "ssr")]
pub use service::{seller_products, set_stock};
