//! The query string of a category or search page, parsed into filters. Bad values
//! never fail the page: each is dropped with a notice saying what was done instead.

use crate::shared::money::Money;
pub use crate::shared::url::{decode_query, percent_encode};
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: u32 = 24;
pub const MAX_PAGE: u32 = 10_000;
pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_BRANDS: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Sort {
    /// Best match first; the default when there is a search query.
    Relevance,
    #[default]
    Popular,
    Cheap,
    Dear,
    Rating,
    New,
}

impl Sort {
    pub const CHOICES: [Sort; 5] = [
        Sort::Popular,
        Sort::Cheap,
        Sort::Dear,
        Sort::Rating,
        Sort::New,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Popular => "popular",
            Sort::Cheap => "cheap",
            Sort::Dear => "dear",
            Sort::Rating => "rating",
            Sort::New => "new",
        }
    }

    fn from_code(s: &str) -> Option<Sort> {
        Some(match s {
            "relevance" => Sort::Relevance,
            "popular" => Sort::Popular,
            "cheap" => Sort::Cheap,
            "dear" => Sort::Dear,
            "rating" => Sort::Rating,
            "new" => Sort::New,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Filters {
    pub q: Option<String>,
    pub price_min: Option<Money>,
    pub price_max: Option<Money>,
    pub brands: Vec<i64>,
    pub in_stock: bool,
    pub rating_4_plus: bool,
    pub sort: Sort,
    pub page: u32,
}

impl Filters {
    /// Whether any filter narrows the scope (price, stock, rating, brand).
    pub fn narrows(&self) -> bool {
        self.price_min.is_some()
            || self.price_max.is_some()
            || self.in_stock
            || self.rating_4_plus
            || !self.brands.is_empty()
    }
}

/// Something in the query that was not understood, and what was done about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    BadPrice(String),
    BadPage(String),
    BadSort(String),
    BadBrand(String),
    QueryTooLong(usize),
    PriceSwapped,
}

/// Cuts a value a person sent for echoing back in a notice.
fn echo(v: &str) -> String {
    let mut s: String = v.chars().take(40).collect();
    if v.chars().count() > 40 {
        s.push('…');
    }
    s
}

impl Filters {
    /// Parses decoded query pairs. Unknown keys are ignored.
    pub fn parse(pairs: &[(String, String)]) -> (Filters, Vec<Notice>) {
        let mut f = Filters {
            page: 1,
            ..Default::default()
        };
        let mut notices = Vec::new();
        let mut sort_given = None;
        for (k, v) in pairs {
            let v = v.trim();
            match k.as_str() {
                "q" | "text" => {
                    let q: String = v.split_whitespace().collect::<Vec<_>>().join(" ");
                    if q.chars().count() > MAX_QUERY_CHARS {
                        notices.push(Notice::QueryTooLong(MAX_QUERY_CHARS));
                        f.q = Some(q.chars().take(MAX_QUERY_CHARS).collect());
                    } else if !q.is_empty() {
                        f.q = Some(q);
                    }
                }
                "price_min" | "price_max" if v.is_empty() => {}
                "price_min" | "price_max" => match Money::parse_roubles(v) {
                    Ok(m) if k == "price_min" => f.price_min = Some(m),
                    Ok(m) => f.price_max = Some(m),
                    Err(_) => notices.push(Notice::BadPrice(echo(v))),
                },
                "brand" if v.is_empty() => {}
                "brand" => match v.parse::<i64>() {
                    Ok(id) if id > 0 && f.brands.len() < MAX_BRANDS => {
                        if !f.brands.contains(&id) {
                            f.brands.push(id)
                        }
                    }
                    Ok(_) | Err(_) => notices.push(Notice::BadBrand(echo(v))),
                },
                "in_stock" => f.in_stock = matches!(v, "1" | "on" | "true"),
                "rating" => f.rating_4_plus = matches!(v, "4" | "1" | "on" | "true"),
                "sort" if v.is_empty() => {}
                "sort" => match Sort::from_code(v) {
                    Some(s) => sort_given = Some(s),
                    None => notices.push(Notice::BadSort(echo(v))),
                },
                "page" if v.is_empty() => {}
                "page" => match v.parse::<u32>() {
                    Ok(p) if (1..=MAX_PAGE).contains(&p) => f.page = p,
                    _ => notices.push(Notice::BadPage(echo(v))),
                },
                _ => {}
            }
        }
        if let (Some(lo), Some(hi)) = (f.price_min, f.price_max)
            && lo > hi
        {
            f.price_min = Some(hi);
            f.price_max = Some(lo);
            notices.push(Notice::PriceSwapped);
        }
        f.sort = match sort_given {
            Some(Sort::Relevance) if f.q.is_none() => Sort::Popular,
            Some(s) => s,
            None if f.q.is_some() => Sort::Relevance,
            None => Sort::Popular,
        };
        (f, notices)
    }

    /// The query string for these filters with another page number, for links.
    pub fn to_query(&self, page: u32) -> String {
        let mut parts: Vec<(String, String)> = Vec::new();
        if let Some(q) = &self.q {
            parts.push(("q".into(), q.clone()));
        }
        if let Some(m) = self.price_min {
            parts.push(("price_min".into(), roubles_str(m)));
        }
        if let Some(m) = self.price_max {
            parts.push(("price_max".into(), roubles_str(m)));
        }
        for b in &self.brands {
            parts.push(("brand".into(), b.to_string()));
        }
        if self.in_stock {
            parts.push(("in_stock".into(), "1".into()));
        }
        if self.rating_4_plus {
            parts.push(("rating".into(), "4".into()));
        }
        let default_sort = if self.q.is_some() {
            Sort::Relevance
        } else {
            Sort::Popular
        };
        if self.sort != default_sort {
            parts.push(("sort".into(), self.sort.code().into()));
        }
        if page > 1 {
            parts.push(("page".into(), page.to_string()));
        }
        encode_query(&parts)
    }
}

/// A price as typed into the filter form: "1299" or "1299.5".
pub fn roubles_str(m: Money) -> String {
    let k = m.kopecks();
    if k % 100 == 0 {
        (k / 100).to_string()
    } else {
        format!("{}.{:02}", k / 100, k % 100)
    }
}

/// `?a=1&b=2`, or empty when there is nothing.
pub fn encode_query(parts: &[(String, String)]) -> String {
    if parts.is_empty() {
        return String::new();
    }
    let mut out = String::from("?");
    for (i, (k, v)) in parts.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&percent_encode(k));
        out.push('=');
        out.push_str(&percent_encode(v));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(q: &str) -> Vec<(String, String)> {
        decode_query(q)
    }

    #[test]
    fn a_clean_query_parses() {
        let (f, n) = Filters::parse(&pairs(
            "price_min=100&price_max=2000&brand=3&brand=5&in_stock=1&rating=4&sort=cheap&page=2",
        ));
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(f.price_min, Some(Money::from_roubles(100)));
        assert_eq!(f.price_max, Some(Money::from_roubles(2000)));
        assert_eq!(f.brands, vec![3, 5]);
        assert!(f.in_stock && f.rating_4_plus);
        assert_eq!(f.sort, Sort::Cheap);
        assert_eq!(f.page, 2);
        assert_eq!(
            f.to_query(2),
            "?price_min=100&price_max=2000&brand=3&brand=5&in_stock=1&rating=4&sort=cheap&page=2"
        );
    }

    #[test]
    fn garbage_falls_back_with_notices() {
        let (f, n) = Filters::parse(&pairs("page=-5&price_min=abc&sort=%27;DROP&brand=<b>"));
        assert_eq!(f.page, 1);
        assert_eq!(f.price_min, None);
        assert_eq!(f.sort, Sort::Popular);
        assert!(f.brands.is_empty());
        assert_eq!(n.len(), 4);
        assert!(n.contains(&Notice::BadSort("';DROP".into())));
    }

    #[test]
    fn swapped_prices_are_put_right() {
        let (f, n) = Filters::parse(&pairs("price_min=500&price_max=100"));
        assert_eq!(
            (f.price_min, f.price_max),
            (
                Some(Money::from_roubles(100)),
                Some(Money::from_roubles(500))
            )
        );
        assert_eq!(n, vec![Notice::PriceSwapped]);
    }

    #[test]
    fn long_queries_are_cut_and_search_sorts_by_relevance() {
        let long = "я".repeat(10_000);
        let (f, n) = Filters::parse(&[("q".into(), long)]);
        assert_eq!(
            f.q.as_ref().map(|q| q.chars().count()),
            Some(MAX_QUERY_CHARS)
        );
        assert_eq!(f.sort, Sort::Relevance);
        assert_eq!(n, vec![Notice::QueryTooLong(MAX_QUERY_CHARS)]);
    }

    #[test]
    fn decoding_handles_utf8_and_broken_escapes() {
        assert_eq!(
            pairs("q=%D1%82%D0%B5%D0%BB+x"),
            vec![("q".into(), "тел x".into())]
        );
        assert_eq!(pairs("q=%zz%"), vec![("q".into(), "%zz%".into())]);
    }

    proptest! {
        #[test]
        fn parse_never_panics(q in ".{0,200}") {
            let (f, _) = Filters::parse(&decode_query(&q));
            prop_assert!(f.page >= 1 && f.page <= MAX_PAGE);
        }

        #[test]
        fn query_round_trips(q in "[а-яa-z0-9 ]{1,30}", page in 1u32..100) {
            let (f, _) = Filters::parse(&[("q".to_string(), q)]);
            let (g, _) = Filters::parse(&decode_query(&f.to_query(page)));
            prop_assert_eq!(g.q, f.q);
            prop_assert_eq!(g.page, page);
        }
    }
}
