//! The reviews section of a product's page as HTML made on the server. The section
//! is the same with and without JavaScript (its sort is plain links), so the
//! browser is sent the markup rather than the code that would draw it: the
//! storefront's first WASM load does not grow by a list it never changes. Every
//! text a shopper wrote is escaped (`shared::html::escape`).

use crate::catalog::reviews::i18n::sort_text;
use crate::catalog::reviews::model::{Review, ReviewPage, ReviewSort};
use crate::i18n::{Lang, fill};
use crate::shared::html::escape;
use crate::shared::time::{date_of, date_ru};
use std::fmt::Write;

/// The whole section.
pub fn section(lang: Lang, p: &ReviewPage) -> String {
    let d = lang.reviews();
    let mut h = String::with_capacity(2048);
    let _ = write!(
        h,
        "<section class=\"reviews-section\" id=\"reviews\" aria-labelledby=\"reviews-title\">\
         <h2 id=\"reviews-title\">{} ({})</h2>",
        escape(d.title),
        p.total
    );
    if p.total > 0 {
        h.push_str("<ul class=\"review-counts\">");
        for stars in (1..=5usize).rev() {
            let n = p.by_stars[stars - 1].to_string();
            let _ = write!(
                h,
                "<li>{}</li>",
                escape(&fill(d.by_stars, &[&stars.to_string(), &n]))
            );
        }
        h.push_str("</ul>");
    }
    if p.total > 1 {
        let _ = write!(
            h,
            "<nav class=\"review-sort\" aria-label=\"{0}\">{0}: ",
            escape(d.sort_label)
        );
        for s in ReviewSort::ALL {
            let current = if s == p.sort {
                " aria-current=\"true\""
            } else {
                ""
            };
            let _ = write!(
                h,
                "<a href=\"?reviews={}#reviews\"{current}>{}</a> ",
                s.as_str(),
                escape(sort_text(lang, s))
            );
        }
        h.push_str("</nav>");
    }
    if p.reviews.is_empty() {
        let _ = write!(h, "<p>{}</p>", escape(d.none));
    } else {
        h.push_str("<ul class=\"reviews\" data-testid=\"reviews\">");
        for r in &p.reviews {
            review(&mut h, lang, r);
        }
        h.push_str("</ul>");
    }
    let _ = write!(h, "<p class=\"hint\">{}</p></section>", escape(d.how_to));
    h
}

fn review(h: &mut String, lang: Lang, r: &Review) {
    let d = lang.reviews();
    let stars: String = (1..=5)
        .map(|i| if i <= r.rating { '★' } else { '☆' })
        .collect();
    let author = if r.author.is_empty() {
        d.anonymous
    } else {
        r.author.as_str()
    };
    let _ = write!(
        h,
        "<li class=\"review\"><p><span class=\"stars\" role=\"img\" aria-label=\"{}\">{stars}</span> \
         <strong>{}</strong> · <span class=\"hint\">{}</span></p>",
        escape(&fill(d.stars, &[&r.rating.to_string()])),
        escape(author),
        date_ru(&date_of(r.created_at)),
    );
    if !r.body.is_empty() {
        let _ = write!(h, "<p class=\"review-body\">{}</p>", escape(&r.body));
    }
    if !r.photos.is_empty() {
        h.push_str("<div class=\"review-photos\">");
        for id in &r.photos {
            let _ = write!(
                h,
                "<a href=\"/reviews/photo/{id}\"><img src=\"/reviews/photo/{id}/thumb\" alt=\"{}\" \
                 width=\"96\" height=\"96\" loading=\"lazy\"></a>",
                escape(d.photo_alt)
            );
        }
        h.push_str("</div>");
    }
    h.push_str("</li>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shopper_s_text_is_escaped_and_the_stars_are_named() {
        let p = ReviewPage {
            reviews: vec![Review {
                id: 1,
                rating: 4,
                body: "<img src=x onerror=alert(1)>".into(),
                author: "Мария \"И.\"".into(),
                created_at: 0,
                photos: vec![7],
            }],
            sort: ReviewSort::Best,
            total: 2,
            by_stars: [0, 0, 0, 1, 1],
        };
        let h = section(Lang::Ru, &p);
        assert!(h.contains("&lt;img src=x onerror=alert(1)&gt;"), "{h}");
        assert!(!h.contains("<img src=x"));
        assert!(h.contains("Мария &quot;И.&quot;"));
        assert!(h.contains("aria-label=\"Оценка 4 из 5\">★★★★☆</span>"));
        assert!(h.contains("<a href=\"?reviews=best#reviews\" aria-current=\"true\">"));
        assert!(h.contains("src=\"/reviews/photo/7/thumb\""));
        assert!(h.contains("<h2 id=\"reviews-title\">Отзывы (2)</h2>"));
    }
}
