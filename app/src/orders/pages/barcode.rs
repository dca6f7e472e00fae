//! Codes a pickup point scans off the shopper's screen.

use crate::orders::model::code128c;
use leptos::prelude::*;

/// A code of digits (a pickup's, a return's) as a Code 128 barcode: 2 px a
/// module, 10 modules of quiet zone.
pub fn barcode(code: &str, label: &'static str, testid: &'static str) -> impl IntoView + use<> {
    code128c(code).map(|widths| {
        let mut x = 10u32;
        let mut bars = Vec::new();
        for (i, w) in widths.iter().enumerate() {
            let w = u32::from(*w);
            if i % 2 == 0 {
                bars.push(format!("M{x} 0h{w}v40h-{w}z"));
            }
            x += w;
        }
        let width = x + 10;
        view! {
            <svg class="barcode" role="img" aria-label=label data-testid=testid
                viewBox=format!("0 0 {width} 40") width=width * 2 height="80" preserveAspectRatio="none">
                <path d=bars.join("") fill="#000"/>
            </svg>
        }
    })
}
