//! Counts, price bounds, brand facets and the page of a search, all computed from
//! one set of matches: the full-text match runs once per search, not once per number
//! on the page. Pure functions over plain rows, so the rules are tested without a
//! database.

use crate::catalog::filters::{Filters, Sort};

/// The most brands a facet list shows.
pub const MAX_BRAND_FACETS: usize = 30;

/// One product that matched, with what filtering, counting and ordering need.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: i64,
    /// 0 when every word of the search is in the title, else 1 (lower is better).
    pub score: i64,
    pub brand_id: i64,
    pub price: i64,
    pub stock: i64,
    pub rating: i64,
    pub rating_count: i64,
    pub orders_count: i64,
    pub created_at: i64,
}

/// What a listing shows about its matches.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tally {
    /// Matches before the narrowing filters (price, stock, rating, brand).
    pub scope: i64,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub in_stock: i64,
    pub rating_4_plus: i64,
    /// Matches passing every filter.
    pub total: i64,
    /// (brand id, matches passing every filter but the brand one), most first, at
    /// most [`MAX_BRAND_FACETS`].
    pub brands: Vec<(i64, i64)>,
}

fn narrowed_by(h: &Hit, f: &Filters, with_brand: bool) -> bool {
    f.price_min.is_none_or(|m| h.price >= m.kopecks())
        && f.price_max.is_none_or(|m| h.price <= m.kopecks())
        && (!f.in_stock || h.stock > 0)
        && (!f.rating_4_plus || h.rating >= 400)
        && (!with_brand || f.brands.is_empty() || f.brands.contains(&h.brand_id))
}

/// Counts and facets of `hits` under `f`.
pub fn tally(hits: &[Hit], f: &Filters) -> Tally {
    let mut t = Tally {
        scope: hits.len() as i64,
        ..Tally::default()
    };
    let mut per_brand: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
    for h in hits {
        t.price_min = Some(t.price_min.map_or(h.price, |m| m.min(h.price)));
        t.price_max = Some(t.price_max.map_or(h.price, |m| m.max(h.price)));
        t.in_stock += i64::from(h.stock > 0);
        t.rating_4_plus += i64::from(h.rating >= 400);
        if narrowed_by(h, f, false) {
            *per_brand.entry(h.brand_id).or_default() += 1;
            if f.brands.is_empty() || f.brands.contains(&h.brand_id) {
                t.total += 1;
            }
        }
    }
    let mut brands: Vec<(i64, i64)> = per_brand.into_iter().collect();
    // Most matches first; ties by id, so the list is the same on every request.
    brands.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    brands.truncate(MAX_BRAND_FACETS);
    t.brands = brands;
    t
}

fn order(sort: Sort, a: &Hit, b: &Hit) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let by = match sort {
        Sort::Relevance => a
            .score
            .cmp(&b.score)
            .then(b.orders_count.cmp(&a.orders_count)),
        Sort::Popular => b.orders_count.cmp(&a.orders_count),
        Sort::Cheap => a.price.cmp(&b.price),
        Sort::Dear => b.price.cmp(&a.price),
        Sort::Rating => b
            .rating
            .cmp(&a.rating)
            .then(b.rating_count.cmp(&a.rating_count)),
        Sort::New => return b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)),
    };
    if by == Ordering::Equal {
        a.id.cmp(&b.id)
    } else {
        by
    }
}

/// The ids of one page of the hits passing every filter, in the filters' order.
/// Only the first `offset + limit` are sorted.
pub fn page_ids(hits: &[Hit], f: &Filters, offset: usize, limit: usize) -> Vec<i64> {
    let mut passing: Vec<&Hit> = hits.iter().filter(|h| narrowed_by(h, f, true)).collect();
    let end = (offset + limit).min(passing.len());
    if offset >= end {
        return Vec::new();
    }
    let cmp = |a: &&Hit, b: &&Hit| order(f.sort, a, b);
    if end < passing.len() {
        passing.select_nth_unstable_by(end, cmp);
        passing.truncate(end);
    }
    passing.sort_unstable_by(cmp);
    passing[offset..end].iter().map(|h| h.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared::money::Money;

    fn hit(id: i64, brand_id: i64, price: i64, stock: i64, rating: i64) -> Hit {
        Hit {
            id,
            score: i64::from(id % 2 == 0),
            brand_id,
            price,
            stock,
            rating,
            rating_count: 10,
            orders_count: 100 - id,
            created_at: id,
        }
    }

    fn hits() -> Vec<Hit> {
        vec![
            hit(1, 7, 1000, 0, 450),
            hit(2, 7, 5000, 3, 300),
            hit(3, 8, 2000, 1, 480),
            hit(4, 9, 9000, 5, 410),
            hit(5, 8, 3000, 0, 200),
        ]
    }

    #[test]
    fn counts_and_bounds_cover_the_whole_scope() {
        let t = tally(&hits(), &Filters::default());
        assert_eq!((t.scope, t.total), (5, 5));
        assert_eq!((t.price_min, t.price_max), (Some(1000), Some(9000)));
        assert_eq!((t.in_stock, t.rating_4_plus), (3, 3));
        assert_eq!(t.brands, vec![(7, 2), (8, 2), (9, 1)]);
    }

    #[test]
    fn brand_facets_ignore_the_brand_filter_but_not_the_others() {
        let f = Filters {
            brands: vec![8],
            in_stock: true,
            ..Filters::default()
        };
        let t = tally(&hits(), &f);
        // In stock: 2 (brand 7), 3 (brand 8), 4 (brand 9); brand 8 chosen: only 3.
        assert_eq!(t.total, 1);
        assert_eq!(t.brands, vec![(7, 1), (8, 1), (9, 1)]);
        // Bounds and the stock and rating counts stay those of the scope.
        assert_eq!((t.scope, t.in_stock, t.price_min), (5, 3, Some(1000)));
        assert_eq!(page_ids(&hits(), &f, 0, 24), vec![3]);
    }

    #[test]
    fn price_and_rating_narrow_the_total() {
        let f = Filters {
            price_min: Some(Money::from_kopecks(2000)),
            price_max: Some(Money::from_kopecks(5000)),
            rating_4_plus: true,
            ..Filters::default()
        };
        let t = tally(&hits(), &f);
        assert_eq!(t.total, 1);
        assert_eq!(page_ids(&hits(), &f, 0, 24), vec![3]);
    }

    #[test]
    fn pages_follow_the_sort_order() {
        let mut f = Filters {
            sort: Sort::Cheap,
            ..Filters::default()
        };
        assert_eq!(page_ids(&hits(), &f, 0, 2), vec![1, 3]);
        assert_eq!(page_ids(&hits(), &f, 2, 2), vec![5, 2]);
        assert_eq!(page_ids(&hits(), &f, 4, 2), vec![4]);
        assert!(page_ids(&hits(), &f, 6, 2).is_empty());
        f.sort = Sort::Relevance;
        // Every word in the title (odd ids here) first, then by popularity.
        assert_eq!(page_ids(&hits(), &f, 0, 4), vec![1, 3, 5, 2]);
        f.sort = Sort::Dear;
        assert_eq!(page_ids(&hits(), &f, 0, 1), vec![4]);
        f.sort = Sort::Rating;
        assert_eq!(page_ids(&hits(), &f, 0, 2), vec![3, 1]);
        f.sort = Sort::New;
        assert_eq!(page_ids(&hits(), &f, 0, 2), vec![5, 4]);
        f.sort = Sort::Popular;
        assert_eq!(page_ids(&hits(), &f, 0, 2), vec![1, 2]);
    }
}
