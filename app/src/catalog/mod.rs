//! The catalogue: categories, products, listings with filters, search, and the
//! shoppers' reviews shown on a product's page (`reviews`).

pub mod alerts;
pub mod api;
pub mod favourites;
pub mod filters;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod reviews;
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
pub use reviews::api::{DecideReview, get_held_reviews};
pub use reviews::model::{
    HeldReview, MAX_PHOTOS as REVIEW_PHOTOS, OwnReview, ReviewStatus, parse_rating,
    parse_text as parse_review_text,
};
pub use reviews::pages::HeldReviews;
#[cfg(feature = "ssr")]
pub use reviews::service::{
    Written as NewReview, add_in as add_review_in, delete_own as delete_review,
    edit_own as edit_review, on_account_erased as reviews_on_account_erased, own as own_review,
    photo as review_photo, reviewed,
};
#[cfg(feature = "ssr")]
pub use service::{seller_of, seller_products, set_price, set_stock};
