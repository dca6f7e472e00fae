//! The map's base layer, generated here rather than fetched from a tile server: a
//! quiet background with a grid, so that the pickup-point map works with no
//! request leaving the shop (no OpenStreetMap data is used, so none is credited).
//! `GET /tiles/{z}/{x}/{y}.svg`, the Web Mercator scheme Leaflet asks in.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The tile `z`/`x`/`y` as SVG, or 404 outside the scheme.
pub async fn tile(Path((z, x, file)): Path<(u32, u32, String)>) -> Response {
    let Some(y) = file
        .strip_suffix(".svg")
        .and_then(|y| y.parse::<u32>().ok())
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if z > 19 || x >= 1 << z || y >= 1 << z {
        return StatusCode::NOT_FOUND.into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=604800, immutable"),
        ],
        svg(z, x, y),
    )
        .into_response()
}

/// A 256-pixel tile: the background, lines every 64 pixels, and a darker line
/// where a tile of two zoom levels up begins (so the grid reads at every zoom).
fn svg(z: u32, x: u32, y: u32) -> String {
    let mut lines = String::new();
    for i in 1..4 {
        let p = i * 64;
        lines.push_str(&format!(
            "<path d=\"M{p} 0V256M0 {p}H256\" stroke=\"#dfe5e8\" stroke-width=\"1\"/>"
        ));
    }
    let (bx, by) = (x.is_multiple_of(4), y.is_multiple_of(4));
    if bx {
        lines.push_str("<path d=\"M0.5 0V256\" stroke=\"#c5ced3\" stroke-width=\"1\"/>");
    }
    if by {
        lines.push_str("<path d=\"M0 0.5H256\" stroke=\"#c5ced3\" stroke-width=\"1\"/>");
    }
    let shade = if (x + y + z).is_multiple_of(2) {
        "#f3f6f7"
    } else {
        "#f1f4f5"
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">\
         <rect width=\"256\" height=\"256\" fill=\"{shade}\"/>{lines}</svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn tiles_are_svg_inside_the_scheme_and_404_outside() {
        let ok = tile(Path((2, 3, "3.svg".to_string()))).await;
        assert_eq!(ok.status(), StatusCode::OK);
        assert_eq!(ok.headers()[header::CONTENT_TYPE], "image/svg+xml");
        for (z, x, y) in [
            (2, 4, "0.svg"),
            (2, 0, "4.svg"),
            (20, 0, "0.svg"),
            (1, 0, "x.png"),
        ] {
            let r = tile(Path((z, x, y.to_string()))).await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{z}/{x}/{y}");
        }
        assert!(svg(3, 4, 4).contains("#c5ced3"));
    }
}
