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
    ceremony(options, true).await
}

/// Asks the browser for a passkey assertion; the answer as JSON, or None.
pub async fn get(options: String) -> Option<String> {
    ceremony(options, false).await
}

/// Runs `navigator.credentials.create` (`create`) or `.get` with the options.
async fn ceremony(options: String, create: bool) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let answer = if create {
            js::create_passkey(options).await
        } else {
            js::get_passkey(options).await
        };
        answer.ok().and_then(|v| v.as_string())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (options, create);
        None
    }
}
