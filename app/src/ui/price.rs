use crate::catalog::model::Rating;
use crate::i18n::{Lang, t, use_lang};
use crate::money::Money;
use leptos::prelude::*;

/// A price with the old price struck through and the discount, when there is one.
#[component]
pub fn Price(
    price: Money,
    #[prop(optional)] old: Option<Money>,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    let d = t();
    let pct = old.and_then(|o| price.discount_percent_from(o));
    view! {
        <div class="price" class:price-large=large>
            <span class="price-now">{price.to_string()}</span>
            {pct.map(|p| view! {
                <s class="price-old"><span class="visually-hidden">{d.old_price}" "</span>{old.map(|o| o.to_string())}</s>
                <span class="price-discount" aria-label=format!("{} {p}%", d.discount)>{format!("−{p}%")}</span>
            })}
        </div>
    }
}

/// "★ 4,7 · 123 отзыва".
#[component]
pub fn RatingBadge(rating: Rating) -> impl IntoView {
    let lang = use_lang();
    let d = t();
    (rating.count > 0).then(|| {
        let value = rating.display(lang == Lang::Ru);
        view! {
            <span class="rating">
                <span aria-hidden="true">"★ "</span>
                <span class="visually-hidden">{d.rating}" "</span>
                {value}
                " · "
                {d.reviews.count(lang, rating.count as u64)}
            </span>
        }
    })
}
