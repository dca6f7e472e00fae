//! Full-text search over products. Words are reduced to their stems in Rust (the
//! Snowball Russian and English stemmers), so both backends index and query the
//! same stems; only the index itself differs: FTS5 on SQLite, tsvector on Postgres.

use crate::platform::db::Backend;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

static RU: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));
static EN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// At most this many words of a query are used.
const MAX_TERMS: usize = 8;

/// Lower-case words of letters and digits; "ё" is read as "е".
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('ё', "е"))
}

/// The stem of one lower-case word: "телефоны" -> "телефон".
pub fn stem(word: &str) -> String {
    let word = &word.replace('ё', "е");
    let is_cyrillic = word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    let is_digit = word.chars().all(|c| c.is_ascii_digit());
    if is_digit {
        return word.to_string();
    }
    let s = if is_cyrillic {
        RU.stem(word)
    } else {
        EN.stem(word)
    };
    // A stem of one letter would match half the catalogue as a prefix.
    if s.chars().count() < 2 {
        word.to_string()
    } else {
        s.into_owned()
    }
}

/// The text stored in the index for a title or description: its stems, space-separated.
pub fn index_text(text: &str) -> String {
    words(text).map(|w| stem(&w)).collect::<Vec<_>>().join(" ")
}

/// The stems of a query, deduplicated, or None when it has no word at all.
pub fn query_terms(query: &str) -> Option<Vec<String>> {
    let mut terms: Vec<String> = Vec::new();
    for w in words(query) {
        let s = stem(&w);
        if !terms.contains(&s) {
            terms.push(s);
        }
        if terms.len() == MAX_TERMS {
            break;
        }
    }
    (!terms.is_empty()).then_some(terms)
}

/// A term this short is matched whole, never as a prefix: "a"* expands to every
/// stem starting with "a", and eight such terms cost a hundred times a normal search.
pub const MIN_PREFIX_CHARS: usize = 3;

/// The match expression for the backend: every term, each of three letters or more
/// as a prefix, so "смартф" finds "смартфон". Terms hold only letters and digits,
/// so nothing in them is syntax.
pub fn match_expr(backend: Backend, terms: &[String]) -> String {
    let prefix = |t: &String| t.chars().count() >= MIN_PREFIX_CHARS;
    match backend {
        Backend::Sqlite => terms
            .iter()
            .map(|t| {
                if prefix(t) {
                    format!("\"{t}\"*")
                } else {
                    format!("\"{t}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(" AND "),
        Backend::Postgres => terms
            .iter()
            .map(|t| {
                if prefix(t) {
                    format!("{t}:*")
                } else {
                    t.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" & "),
    }
}

/// The match expression restricted to titles: all of the words in the title.
pub fn title_expr(backend: Backend, terms: &[String]) -> String {
    match backend {
        Backend::Sqlite => format!("search_title : ({})", match_expr(backend, terms)),
        // Title stems carry weight A in `search_tsv`.
        Backend::Postgres => terms
            .iter()
            .map(|t| {
                if t.chars().count() >= MIN_PREFIX_CHARS {
                    format!("{t}:*A")
                } else {
                    format!("{t}:A")
                }
            })
            .collect::<Vec<_>>()
            .join(" & "),
    }
}

/// The columns a search's one match reads of each product (see `catalog::tally::Hit`).
const HIT_COLUMNS: &str =
    "p.id, p.brand_id, p.price, p.stock, p.rating, p.rating_count, p.orders_count, p.created_at";

/// Every product matching `matched` (the match expression's placeholder), with
/// [`HIT_COLUMNS`] and a score: 0 when `in_title` (the title expression's) matches
/// too, every word in the title, else 1. Ends in a `WHERE` that more conditions can
/// follow with `AND`.
///
/// Relevance is "every word in the title" first, then popularity: bm25 and ts_rank
/// cost three times the match itself (they read each match's statistics), for an
/// order shoppers of a marketplace do not expect anyway. The product columns never
/// come from the wide rows: on SQLite from the narrow `products_hit` index, on
/// Postgres from the narrow `product_search` table, kept in category order.
pub fn hits_query(backend: Backend, matched: &str, in_title: &str) -> String {
    match backend {
        Backend::Sqlite => format!(
            "SELECT {HIT_COLUMNS}, CASE WHEN p.id IN (SELECT rowid FROM product_fts \
             WHERE product_fts MATCH {in_title}) THEN 0 ELSE 1 END AS score \
             FROM product_fts JOIN products p INDEXED BY products_hit ON p.id = product_fts.rowid \
             WHERE product_fts MATCH {matched}"
        ),
        Backend::Postgres => format!(
            "SELECT {HIT_COLUMNS}, CAST(CASE WHEN p.search_tsv @@ to_tsquery('simple', {in_title}) \
             THEN 0 ELSE 1 END AS BIGINT) AS score \
             FROM product_search p WHERE p.search_tsv @@ to_tsquery('simple', {matched})"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_share_a_stem() {
        assert_eq!(stem("телефоны"), stem("телефон"));
        assert_eq!(stem("наушников"), stem("наушники"));
        assert!(stem("смартфон").starts_with(&stem("смартф")));
        assert_eq!(
            stem("ёлка"),
            stem(&words("Ёлка").next().unwrap_or_default())
        );
    }

    #[test]
    fn queries_keep_only_words() {
        assert_eq!(
            query_terms("'; DROP TABLE products; --"),
            Some(vec!["drop".into(), "tabl".into(), "product".into()])
        );
        assert_eq!(query_terms("<>\"*:&|!()"), None);
        assert_eq!(
            match_expr(Backend::Sqlite, &["телефон".into(), "12".into()]),
            "\"телефон\"* AND \"12\""
        );
        // One- and two-letter words are matched whole: no expansion to every stem.
        let letters: Vec<String> = ["a", "b", "c", "d", "e", "f", "g", "h"]
            .map(String::from)
            .to_vec();
        assert!(!match_expr(Backend::Sqlite, &letters).contains('*'));
        assert!(!match_expr(Backend::Postgres, &letters).contains(":*"));
        assert_eq!(
            match_expr(Backend::Postgres, &["телефон".into()]),
            "телефон:*"
        );
    }
}
