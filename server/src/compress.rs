//! Brotli for rendered pages. The general compression layer streams with the
//! encoder's largest window: each response then allocates and zeroes megabytes of
//! ring buffer and hash table, and the profile of a page under load showed a third
//! of the CPU in brotli, a third of that in zeroing memory. A page is rendered whole
//! before it is sent (`SsrMode::Async`), so it is compressed here in one piece, with
//! the window sized to the page, at the quality chosen by measurement (README, "Speed").
//! Anything else (server function answers, errors) is left to the general layer.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::io::Write;

/// Brotli quality for pages: 4 is 11 % larger than 5 at about half the time; 11 takes
/// 30–80 ms a page for 20 % less.
pub const QUALITY: i32 = 4;
/// Pages larger than this are left to the streaming layer.
const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Whether the request accepts brotli (`br` listed without `q=0`).
pub fn accepts_br(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|part| {
            let mut it = part.split(';');
            it.next()
                .is_some_and(|n| n.trim().eq_ignore_ascii_case("br"))
                && !it.any(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                        .is_some_and(|q| q <= 0.0)
                })
        })
}

/// `bytes` as brotli, the window just large enough for them.
pub fn brotli(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let lgwin = (usize::BITS - bytes.len().max(1).leading_zeros()).clamp(16, 22);
    let params = brotli::enc::BrotliEncoderParams {
        quality: QUALITY,
        lgwin: lgwin as i32,
        size_hint: bytes.len(),
        mode: brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_TEXT,
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 4);
    {
        let mut w = brotli::CompressorWriter::with_params(&mut out, 16 * 1024, &params);
        w.write_all(bytes)?;
    }
    Ok(out)
}

pub async fn html(req: Request, next: Next) -> Response {
    let wants_br = accepts_br(req.headers());
    let res = next.run(req).await;
    let is_page = res.status() == StatusCode::OK
        && !res.headers().contains_key(header::CONTENT_ENCODING)
        && res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
    if !wants_br || !is_page {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        return Response::builder()
            .status(StatusCode::INTERNAL_SERVER_ERROR)
            .body(Body::empty())
            .unwrap_or_default();
    };
    let Ok(compressed) = brotli(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
    parts
        .headers
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    Response::from_parts(parts, Body::from(compressed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_round_trip_and_shrink() {
        let page = "<!DOCTYPE html><html lang=\"ru\"><body>".to_string()
            + &"<li class=\"card\"><a href=\"/product/x-1\">Смартфон</a></li>".repeat(500)
            + "</body></html>";
        let packed = brotli(page.as_bytes()).unwrap();
        assert!(packed.len() * 10 < page.len(), "{}", packed.len());
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &packed[..], &mut back).unwrap();
        assert_eq!(back, page.as_bytes());
    }

    #[test]
    fn brotli_is_used_only_when_accepted() {
        let h = |v: &'static str| {
            let mut m = axum::http::HeaderMap::new();
            m.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(v));
            m
        };
        assert!(accepts_br(&h("gzip, deflate, br, zstd")));
        assert!(accepts_br(&h("BR;q=0.5")));
        assert!(!accepts_br(&h("br;q=0, gzip")));
        assert!(!accepts_br(&h("gzip")));
        assert!(!accepts_br(&axum::http::HeaderMap::new()));
    }
}
