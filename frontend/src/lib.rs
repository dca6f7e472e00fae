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

/// Room for wasm-split to lay data out. The split moves each chunk's read-only data
/// out of the main module, packing every module's share apart and aligned; when that
/// packing comes out longer than the data the linker laid down, even by a few bytes,
/// it gives up and leaves *all* read-only data in the main module (wasm_split_cli_support
/// 0.2.3, emit.rs: "Overlong segment ... putting it in main module"), about 20 KB
/// brotli more on the first load. This block is kept by the linker (`#[used]`) but read
/// by nothing, so the split never places it and its length is the room. Filled with a
/// non-zero byte so the linker keeps it in `.rodata` and not `.bss`.
#[used]
static SPLIT_ROOM: [u8; 8192] = [0xA5; 8192];
