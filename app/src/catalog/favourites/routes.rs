//! The favourites page as a lazy route: its own WASM chunk.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

pub struct FavouritesRoute;

#[lazy_route]
impl LazyRoute for FavouritesRoute {
    fn data() -> Self {
        FavouritesRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::pages::FavouritesPage/> }.into_any()
    }
}
