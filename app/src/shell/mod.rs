//! The shell: what every page has around it (the header). The only place besides
//! the router in `lib.rs` that knows every domain.

pub mod api;
mod header;

pub use header::Header;
