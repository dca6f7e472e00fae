//! Product pictures, drawn as SVG from the product id: nothing is downloaded and the
//! same id always gives the same picture, so they are cached for a year.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn product_image(Path((id, file)): Path<(String, String)>) -> Response {
    let (Some(id), Some(n)) = (
        id.parse::<u64>().ok().filter(|v| *v > 0),
        file.strip_suffix(".svg")
            .and_then(|n| n.parse::<u64>().ok())
            .filter(|n| (1..=8).contains(n)),
    ) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let h = id.wrapping_mul(2_654_435_761).wrapping_add(n * 40_503);
    let hue = h % 360;
    let hue2 = (hue + 40 + n * 25) % 360;
    let shape = match h % 3 {
        0 => format!(
            "<circle cx='240' cy='250' r='{}' fill='hsl({hue2},70%,55%)'/>",
            90 + h % 50
        ),
        1 => format!(
            "<rect x='140' y='150' width='200' height='{}' rx='24' fill='hsl({hue2},65%,50%)'/>",
            160 + h % 60
        ),
        _ => format!("<polygon points='240,120 370,360 110,360' fill='hsl({hue2},60%,52%)'/>"),
    };
    let svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' width='480' height='480' viewBox='0 0 480 480'>\
         <rect width='480' height='480' fill='hsl({hue},45%,92%)'/>{shape}\
         <text x='24' y='456' font-family='sans-serif' font-size='22' fill='hsl({hue},30%,35%)'>#{id} · {n}</text></svg>"
    );
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        svg,
    )
        .into_response()
}
