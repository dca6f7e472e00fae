//! Interface strings. Russian is the first language, English the second; each
//! language is one `Dict` in its own file, so a missing string fails to compile.

pub mod api;

mod en;
mod ru;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a request asks for: the `lang` cookie first, then the first
    /// supported language in Accept-Language, then Russian.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(l) = cookie.and_then(Lang::from_code) {
            return l;
        }
        let mut best: Option<(f32, Lang)> = None;
        for part in accept_language.unwrap_or("").split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("").trim();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Some(l) = Lang::from_code(primary)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, l));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    pub fn dict(self) -> &'static Dict {
        match self {
            Lang::Ru => &ru::RU,
            Lang::En => &en::EN,
        }
    }
}

/// The three plural forms Russian needs (English uses `one` and `many`).
pub struct Forms {
    pub one: &'static str,
    pub few: &'static str,
    pub many: &'static str,
}

impl Forms {
    /// "1 товар", "2 товара", "5 товаров".
    pub fn count(&self, lang: Lang, n: u64) -> String {
        format!(
            "{} {}",
            crate::shared::money::group_digits(n),
            self.pick(lang, n)
        )
    }

    pub fn pick(&self, lang: Lang, n: u64) -> &'static str {
        match lang {
            Lang::Ru => {
                let (m10, m100) = (n % 10, n % 100);
                if m10 == 1 && m100 != 11 {
                    self.one
                } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                    self.few
                } else {
                    self.many
                }
            }
            Lang::En => {
                if n == 1 {
                    self.one
                } else {
                    self.many
                }
            }
        }
    }
}

/// Every sentence the interface shows.
pub struct Dict {
    pub site_title: &'static str,
    pub tagline: &'static str,
    pub catalogue: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub suggestions: &'static str,
    pub sign_in: &'static str,
    pub close: &'static str,
    pub account: &'static str,
    pub messages: &'static str,
    pub favourites: &'static str,
    pub cart: &'static str,
    pub switch_language: &'static str,
    pub other_language_name: &'static str,
    pub main_navigation: &'static str,
    pub popular_categories: &'static str,
    pub recommended: &'static str,
    pub home: &'static str,
    pub filters: &'static str,
    pub price: &'static str,
    pub price_from: &'static str,
    pub price_to: &'static str,
    pub brand: &'static str,
    pub in_stock_only: &'static str,
    pub rating_4_plus: &'static str,
    pub apply: &'static str,
    pub reset: &'static str,
    pub sort_by: &'static str,
    pub sort_popular: &'static str,
    pub sort_cheap: &'static str,
    pub sort_dear: &'static str,
    pub sort_rating: &'static str,
    pub sort_new: &'static str,
    pub found: &'static str,
    pub products: Forms,
    pub reviews: Forms,
    pub pieces: &'static str,
    pub nothing_found: &'static str,
    pub nothing_found_hint: &'static str,
    pub search_results_for: &'static str,
    pub prev_page: &'static str,
    pub next_page: &'static str,
    pub page: &'static str,
    pub pagination: &'static str,
    pub bad_price: &'static str,
    pub bad_page: &'static str,
    pub bad_sort: &'static str,
    pub bad_brand: &'static str,
    pub query_too_long: &'static str,
    pub price_range_swapped: &'static str,
    pub characteristics: &'static str,
    pub description: &'static str,
    pub seller: &'static str,
    pub in_stock: &'static str,
    pub out_of_stock: &'static str,
    pub rating: &'static str,
    pub bought_times: &'static str,
    pub quantity: &'static str,
    pub add_to_cart: &'static str,
    pub added_to_cart: &'static str,
    pub go_to_cart: &'static str,
    pub share: &'static str,
    pub link_copied: &'static str,
    pub product_link: &'static str,
    pub discount: &'static str,
    pub old_price: &'static str,
    pub gallery: &'static str,
    pub image_of: &'static str,
    pub cart_empty: &'static str,
    pub cart_empty_hint: &'static str,
    pub select_item: &'static str,
    pub remove: &'static str,
    pub decrease: &'static str,
    pub increase: &'static str,
    pub update: &'static str,
    pub items_total: &'static str,
    pub to_pay: &'static str,
    pub checkout: &'static str,
    pub checkout_soon: &'static str,
    pub your_order: &'static str,
    pub nothing_selected: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,
    pub to_home: &'static str,
    pub stock_limit: &'static str,
    pub quantity_invalid: &'static str,
    pub forbidden: &'static str,
    pub network_error: &'static str,
    pub unavailable: &'static str,
    pub loading: &'static str,
    pub skip_to_content: &'static str,
    pub sort_relevance: &'static str,
    pub breadcrumbs: &'static str,
}

/// The language of the current page, provided by `App`.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The dictionary of the current page.
pub fn t() -> &'static Dict {
    use_lang().dict()
}

/// Replaces `{}` placeholders in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals_follow_the_rules() {
        let f = &Lang::Ru.dict().products;
        let cases = [
            (0, "товаров"),
            (1, "товар"),
            (2, "товара"),
            (4, "товара"),
            (5, "товаров"),
            (11, "товаров"),
            (12, "товаров"),
            (14, "товаров"),
            (21, "товар"),
            (22, "товара"),
            (101, "товар"),
            (111, "товаров"),
            (1_000_001, "товар"),
        ];
        for (n, want) in cases {
            assert_eq!(f.pick(Lang::Ru, n), want, "n = {n}");
        }
        assert_eq!(f.count(Lang::Ru, 2), "2 товара");
        assert_eq!(f.count(Lang::Ru, 1234), "1\u{202F}234 товара");
    }

    #[test]
    fn english_plurals() {
        let f = &Lang::En.dict().products;
        assert_eq!(f.count(Lang::En, 1), "1 product");
        assert_eq!(f.count(Lang::En, 2), "2 products");
    }

    #[test]
    fn language_comes_from_cookie_then_header() {
        assert_eq!(Lang::negotiate(Some("en"), Some("ru")), Lang::En);
        assert_eq!(Lang::negotiate(None, Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(
            Lang::negotiate(None, Some("de, en;q=0.5, ru;q=0.8")),
            Lang::Ru
        );
        assert_eq!(Lang::negotiate(Some("xx"), None), Lang::Ru);
        assert_eq!(Lang::negotiate(None, Some(";;;q=abc,,")), Lang::Ru);
    }

    #[test]
    fn fill_replaces_in_order() {
        assert_eq!(fill("от {} до {}", &["1", "2"]), "от 1 до 2");
        assert_eq!(fill("{}", &[]), "");
    }
}
