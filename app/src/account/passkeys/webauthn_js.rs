//! Calls into `passkey.js` from the hydrated page.

#[cfg(feature = "hydrate")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/account/passkeys/passkey.js")]
    extern "C" {
        #[wasm_bindgen(js_name = passkeysSupported)]
        pub fn passkeys_supported() -> bool;
        #[wasm_bindgen(js_name = createPasskey, catch)]
        pub async fn create_passkey(options: String) -> Result<JsValue, JsValue>;
        #[wasm_bindgen(js_name = getPasskey, catch)]
        pub async fn get_passkey(options: String) -> Result<JsValue, JsValue>;
    }
}

/// Whether this browser can use passkeys (false while rendering on the server).
pub fn supported() -> bool {
    #[cfg(feature = "hydrate")]
    {
        js::passkeys_supported()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

/// Creates a passkey with the server's options; the answer as JSON, or None if the
/// person cancelled or the browser refused.
pub async fn create(options: String) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        js::create_passkey(options)
            .await
            .ok()
            .and_then(|v| v.as_string())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = options;
        None
    }
}

/// Asks the browser for a passkey assertion; the answer as JSON, or None.
pub async fn get(options: String) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        js::get_passkey(options)
            .await
            .ok()
            .and_then(|v| v.as_string())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = options;
        None
    }
}
