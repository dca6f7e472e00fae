//! The language switch: a cookie remembered for a year.

use crate::shared::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "settings/language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    use crate::platform::request::{self, serve};
    use crate::shared::error::{Field, Problem};
    serve(|_| async move {
        let lang = crate::i18n::Lang::from_code(&lang)
            .ok_or_else(|| AppError::invalid(Field::Lang, Problem::Unknown))?;
        request::set_cookie("lang", lang.code(), 365 * 24 * 3600, false);
        Ok(())
    })
    .await
}
