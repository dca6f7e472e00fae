//! Photos shoppers upload (a return's, later a chat's): read by their content,
//! never by their name or declared type; only JPEG, PNG and WebP are taken. Each
//! is decoded under limits (no decompression bombs), turned upright by its EXIF
//! orientation, scaled down to `MAX_SIDE` and re-encoded as a JPEG, which leaves
//! every piece of metadata (EXIF, GPS, comments) behind; a thumbnail is made the
//! same way.

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The most one photo may weigh as uploaded.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The longest side kept.
pub const MAX_SIDE: u32 = 1600;
/// The thumbnail's longest side.
pub const THUMB_SIDE: u32 = 320;
/// Pixels a photo may have as uploaded (a 12,000 × 8,000 frame, a little over a
/// 96-megapixel camera's).
const MAX_PIXELS_SIDE: u32 = 12_000;

/// Why a photo was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoError {
    /// Larger than `MAX_BYTES`.
    TooLarge,
    /// Not a JPEG, PNG or WebP, or one that does not decode.
    NotAnImage,
}

/// A photo as it is kept: a JPEG and its thumbnail, both without metadata.
#[derive(Debug, Clone)]
pub struct Photo {
    pub image: Vec<u8>,
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The accepted format `bytes` hold, by their first bytes.
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    match image::guess_format(bytes).ok()? {
        f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) => Some(f),
        _ => None,
    }
}

/// Checks and re-encodes one uploaded photo. CPU-bound: call it from
/// `spawn_blocking`.
pub fn clean(bytes: &[u8]) -> Result<Photo, PhotoError> {
    if bytes.len() > MAX_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let format = sniff(bytes).ok_or(PhotoError::NotAnImage)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_PIXELS_SIDE);
    limits.max_image_height = Some(MAX_PIXELS_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| PhotoError::NotAnImage)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|_| PhotoError::NotAnImage)?;
    img.apply_orientation(orientation);
    if img.width() > MAX_SIDE || img.height() > MAX_SIDE {
        img = img.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle);
    }
    let thumb = img.thumbnail(THUMB_SIDE, THUMB_SIDE);
    Ok(Photo {
        image: jpeg(&img, 85)?,
        thumb: jpeg(&thumb, 80)?,
        width: img.width(),
        height: img.height(),
    })
}

/// Checks and re-encodes the photos of one form, at most `max` of them, off the
/// async threads; refused as a form field says it (`Field::Photo`).
pub async fn clean_all(
    photos: Vec<Vec<u8>>,
    max: usize,
) -> crate::shared::error::AppResult<Vec<Photo>> {
    use crate::shared::error::{AppError, Field, Problem};
    if photos.len() > max {
        return Err(AppError::invalid(Field::Photo, Problem::TooMany));
    }
    tokio::task::spawn_blocking(move || {
        photos
            .iter()
            .map(|p| clean(p))
            .collect::<Result<Vec<_>, _>>()
    })
    .await
    .map_err(AppError::internal)?
    .map_err(|e| {
        AppError::invalid(
            Field::Photo,
            match e {
                PhotoError::TooLarge => Problem::TooLarge,
                PhotoError::NotAnImage => Problem::NotAnImage,
            },
        )
    })
}

fn jpeg(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let rgb = img.to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&rgb)
        .map_err(|_| PhotoError::NotAnImage)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_png_comes_back_a_smaller_jpeg_with_a_thumbnail() {
        let p = clean(&png(2000, 1000)).unwrap();
        assert_eq!((p.width, p.height), (1600, 800));
        assert_eq!(sniff(&p.image), Some(ImageFormat::Jpeg));
        let t = image::load_from_memory(&p.thumb).unwrap();
        assert_eq!((t.width(), t.height()), (320, 160));
    }

    #[test]
    fn metadata_does_not_survive() {
        // A JPEG with an EXIF segment naming a place: the copy kept has none.
        let mut src = clean(&png(40, 30)).unwrap().image;
        let exif = b"Exif\0\0GPS-55.75N-37.61E";
        let len = (exif.len() + 2) as u16;
        let mut seg = vec![0xFF, 0xE1];
        seg.extend_from_slice(&len.to_be_bytes());
        seg.extend_from_slice(exif);
        src.splice(2..2, seg);
        assert!(src.windows(3).any(|w| w == b"GPS"));
        let p = clean(&src).unwrap();
        assert!(!p.image.windows(3).any(|w| w == b"GPS"));
        assert!(!p.image.windows(4).any(|w| w == b"Exif"));
    }

    #[test]
    fn what_is_not_a_photo_is_refused_by_content() {
        assert_eq!(clean(b"GIF89a....").unwrap_err(), PhotoError::NotAnImage);
        assert_eq!(
            clean(b"<svg xmlns='http://www.w3.org/2000/svg'/>").unwrap_err(),
            PhotoError::NotAnImage
        );
        // A PNG's signature with nothing after it.
        assert_eq!(
            clean(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(),
            PhotoError::NotAnImage
        );
        assert_eq!(
            clean(&vec![0u8; MAX_BYTES + 1]).unwrap_err(),
            PhotoError::TooLarge
        );
    }
}
