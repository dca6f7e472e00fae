//! The browser entry point: hydrate the server-rendered page.
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Tells browser tests that the page is interactive now.
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"__hydrated".into(), &true.into());
    }
}
