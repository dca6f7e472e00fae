//! The browser entry point: hydrate the server-rendered page.
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Asynchronous hydration: a page behind a lazy route first fetches its WASM chunk
    // (a split build), then hydrates.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        else {
            return;
        };
        leptos::mount::hydrate_from_async(body, app::App)
            .await
            .forget();
        // Tells browser tests that the page is interactive now.
        if let Some(w) = web_sys::window() {
            let _ = js_sys::Reflect::set(&w, &"__hydrated".into(), &true.into());
        }
    });
}
