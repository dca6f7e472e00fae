//! Interface strings. Russian is the first language, English the second; each
//! language is one `Dict` in its own file, so a missing string fails to compile.

pub mod api;

mod dict;
mod en;
mod lang;
mod ru;

pub use dict::{Dict, Forms};
pub use lang::Lang;

use leptos::prelude::*;

impl Lang {
    pub fn dict(self) -> &'static Dict {
        match self {
            Lang::Ru => &ru::RU,
            Lang::En => &en::EN,
        }
    }
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
