mod home_page;
mod listing_page;
mod product_card;
mod product_page;

pub use home_page::HomePage;
pub use listing_page::{CategoryPage, SearchPage};
pub use product_card::{ProductCardView, ProductGrid, RatingBadge};
pub use product_page::ProductPage;
