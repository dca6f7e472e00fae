//! Catalogue types shared by the server and the browser.

use crate::catalog::filters::{Filters, Notice};
use crate::shared::money::Money;
use serde::{Deserialize, Serialize};

/// A category as a link: its slug and its name in the page's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRef {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryTile {
    pub slug: String,
    pub name: String,
    pub product_count: i64,
    pub children: Vec<CategoryRef>,
}

/// Average rating in hundredths of a star (465 = 4.65), with the number of reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub hundredths: i64,
    pub count: i64,
}

impl Rating {
    /// "4,7" in Russian, "4.7" in English.
    pub fn display(self, decimal_comma: bool) -> String {
        let tenths = (self.hundredths + 5) / 10;
        let s = format!("{}.{}", tenths / 10, tenths % 10);
        if decimal_comma {
            s.replace('.', ",")
        } else {
            s
        }
    }
}

/// What a product tile shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCard {
    pub id: i64,
    pub title: String,
    pub brand: String,
    pub price: Money,
    pub old_price: Option<Money>,
    pub rating: Rating,
    pub stock: i64,
}

impl ProductCard {
    pub fn url(&self) -> String {
        product_path(self.id, &self.title)
    }
}

/// A page of products with what the filters panel needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    /// The category being shown, with its parents first; empty for a search over everything.
    pub breadcrumbs: Vec<CategoryRef>,
    pub subcategories: Vec<CategoryRef>,
    pub items: Vec<ProductCard>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    pub facets: Facets,
    /// The filters as understood, to fill the form back in.
    pub filters: Filters,
    /// What was wrong with the query and what was done instead.
    pub notices: Vec<Notice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Facets {
    pub brands: Vec<BrandFacet>,
    pub in_stock: i64,
    pub rating_4_plus: i64,
    pub price_min: Option<Money>,
    pub price_max: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandFacet {
    pub id: i64,
    pub name: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub card: ProductCard,
    pub description: String,
    pub attributes: Vec<(String, String)>,
    pub seller: String,
    /// The seller ships it from its own warehouse (not Rynok's).
    pub seller_ships: bool,
    /// Whether the signed-in shopper keeps it among favourites (`None`: a guest).
    pub favourite: Option<bool>,
    pub orders_count: i64,
    pub image_count: i64,
    pub breadcrumbs: Vec<CategoryRef>,
    /// The absolute URL to share.
    pub canonical_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Home {
    pub categories: Vec<CategoryTile>,
    pub popular: Vec<ProductCard>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub label: String,
    pub url: String,
}

/// The path of a product page: a readable slug, then the id that really counts.
pub fn product_path(id: i64, title: &str) -> String {
    let slug = slugify(title);
    if slug.is_empty() {
        format!("/product/{id}")
    } else {
        format!("/product/{slug}-{id}")
    }
}

/// Reads the id back from the last segment of a product path ("smartfon-x-42" -> 42).
pub fn parse_product_key(key: &str) -> Option<i64> {
    let digits = key.rsplit('-').next()?;
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|id| *id > 0)
}

/// Latin lower-case slug of a Russian or English title, at most 60 characters.
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let t: &str = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ю' => "iu",
            'я' => "ia",
            'ъ' | 'ь' => "",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if t == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(t);
        }
        if out.len() >= 60 {
            break;
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_paths_round_trip() {
        let p = product_path(42, "Смартфон Xiaomi Redmi 12, 8/256 ГБ");
        assert_eq!(p, "/product/smartfon-xiaomi-redmi-12-8-256-gb-42");
        assert_eq!(
            parse_product_key(p.trim_start_matches("/product/")),
            Some(42)
        );
        assert_eq!(parse_product_key("42"), Some(42));
        assert_eq!(parse_product_key("abc"), None);
        assert_eq!(parse_product_key("x-0"), None);
        assert_eq!(parse_product_key("x-99999999999999999999999"), None);
        assert_eq!(parse_product_key("<script>-1"), Some(1));
    }

    #[test]
    fn ratings_display_with_the_right_separator() {
        let r = Rating {
            hundredths: 465,
            count: 3,
        };
        assert_eq!(r.display(true), "4,7");
        assert_eq!(r.display(false), "4.7");
    }
}
