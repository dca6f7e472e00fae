use crate::i18n::t;
use crate::shared::money::Money;
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
