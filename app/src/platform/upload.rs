//! A multipart form as the browser posts it (a form with photos): its text fields
//! and its `photo` files, read with bounds on every part, so a form can neither
//! flood memory nor carry more photos than its page allows.

use crate::platform::photo::MAX_BYTES;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use server_fn::codec::MultipartData;

/// A text field is at most this long.
const MAX_FIELD: usize = 8 * 1024;
/// A form has at most this many parts.
const MAX_PARTS: usize = 64;

/// The form's text fields in order, and its photos' bytes (empty file fields,
/// where nothing was chosen, left out).
#[derive(Debug, Default)]
pub struct Upload {
    pub fields: Vec<(String, String)>,
    pub photos: Vec<Vec<u8>>,
}

impl Upload {
    /// The first field called `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every field called `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.fields
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads the form: more than `max_photos` photos, a photo over 10 MB, a text
/// field over 8 KB or not UTF-8, or more than 64 parts are refused as soon as
/// they are seen.
pub async fn read(data: MultipartData, max_photos: usize) -> AppResult<Upload> {
    let malformed = || AppError::invalid(Field::Request, Problem::Malformed);
    let mut form = data.into_inner().ok_or_else(malformed)?;
    let mut out = Upload::default();
    let mut parts = 0;
    while let Some(mut field) = form.next_field().await.map_err(|_| malformed())? {
        parts += 1;
        if parts > MAX_PARTS {
            return Err(malformed());
        }
        let name = field.name().unwrap_or_default().to_string();
        let photo = name == "photo";
        if photo && out.photos.len() == max_photos {
            return Err(AppError::invalid(Field::Photo, Problem::TooMany));
        }
        let limit = if photo { MAX_BYTES } else { MAX_FIELD };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| malformed())? {
            if bytes.len() + chunk.len() > limit {
                return Err(if photo {
                    AppError::invalid(Field::Photo, Problem::TooLarge)
                } else {
                    malformed()
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        if photo {
            if !bytes.is_empty() {
                out.photos.push(bytes);
            }
        } else {
            out.fields
                .push((name, String::from_utf8(bytes).map_err(|_| malformed())?));
        }
    }
    Ok(out)
}
