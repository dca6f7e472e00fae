//! Reviews' types and rules: a rating of 1 to 5 stars, the text, the order of the
//! list, and what the product page shows.

use crate::shared::error::{AppError, AppResult, Field, Problem};
use serde::{Deserialize, Serialize};

/// The text's length in characters.
pub const MAX_TEXT: usize = 2000;
/// Photos one review may carry.
pub const MAX_PHOTOS: usize = 3;
/// Reviews a page of the list shows.
pub const PAGE: i64 = 10;

/// The stars as the form sends them: a whole number from 1 to 5.
pub fn parse_rating(raw: &str) -> AppResult<i64> {
    match raw.trim() {
        "" => Err(AppError::invalid(Field::Rating, Problem::Required)),
        s => s
            .parse::<i64>()
            .ok()
            .filter(|r| (1..=5).contains(r))
            .ok_or(AppError::invalid(Field::Rating, Problem::OutOfRange)),
    }
}

/// The text as typed: trimmed, at most `MAX_TEXT` characters, no control characters
/// but line breaks and tabs. It may be empty: the stars say enough.
pub fn parse_text(raw: &str) -> AppResult<String> {
    let t = raw.trim();
    if t.chars().count() > MAX_TEXT {
        return Err(AppError::invalid(Field::Comment, Problem::TooLong));
    }
    if t.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(AppError::invalid(Field::Comment, Problem::BadCharacters));
    }
    Ok(t.replace("\r\n", "\n"))
}

/// The product's rating after one more of `stars`: (new total in hundredths, new
/// count, new average in hundredths, rounded half up).
pub fn add_rating(total: i64, count: i64, stars: i64) -> (i64, i64, i64) {
    let total = total + stars * 100;
    let count = count + 1;
    (total, count, (total * 2 + count) / (count * 2))
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewSort {
    /// Newest first (the default).
    New,
    /// Highest rating first, newest first among equals.
    Best,
    /// Lowest rating first, newest first among equals.
    Worst,
}

impl ReviewSort {
    pub const ALL: [ReviewSort; 3] = [ReviewSort::New, ReviewSort::Best, ReviewSort::Worst];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewSort::New => "new",
            ReviewSort::Best => "best",
            ReviewSort::Worst => "worst",
        }
    }

    /// Anything unknown is the default.
    pub fn parse(s: &str) -> ReviewSort {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim())
            .unwrap_or(ReviewSort::New)
    }
}

/// A review as the product page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub id: i64,
    pub rating: i64,
    pub body: String,
    /// "Мария И.", or empty for "a Rynok shopper".
    pub author: String,
    pub created_at: i64,
    /// The photos' ids (`/reviews/photo/<id>`, thumbnails at `…/thumb`).
    pub photos: Vec<i64>,
}

/// A page of a product's reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPage {
    pub reviews: Vec<Review>,
    pub sort: ReviewSort,
    /// How many reviews the product has in all.
    pub total: i64,
    /// How many of each rating, 1 to 5 stars.
    pub by_stars: [i64; 5],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_are_a_whole_number_from_one_to_five() {
        assert_eq!(parse_rating(" 5 "), Ok(5));
        assert_eq!(parse_rating("1"), Ok(1));
        assert_eq!(
            parse_rating(""),
            Err(AppError::invalid(Field::Rating, Problem::Required))
        );
        for bad in ["0", "6", "4.5", "x", "-1"] {
            assert_eq!(
                parse_rating(bad),
                Err(AppError::invalid(Field::Rating, Problem::OutOfRange)),
                "{bad}"
            );
        }
    }

    #[test]
    fn text_is_trimmed_bounded_and_clean() {
        assert_eq!(parse_text("  Отлично  ").unwrap(), "Отлично");
        assert_eq!(parse_text("").unwrap(), "");
        assert!(parse_text(&"ы".repeat(MAX_TEXT)).is_ok());
        assert_eq!(
            parse_text(&"ы".repeat(MAX_TEXT + 1)),
            Err(AppError::invalid(Field::Comment, Problem::TooLong))
        );
        assert_eq!(
            parse_text("a\u{7}b"),
            Err(AppError::invalid(Field::Comment, Problem::BadCharacters))
        );
    }

    #[test]
    fn the_average_is_kept_exactly_and_rounded_half_up() {
        // Seeded 4.50 over 2 ratings, then a 5: 14.00 / 3 = 4.67.
        assert_eq!(add_rating(900, 2, 5), (1400, 3, 467));
        // The first rating is the average.
        assert_eq!(add_rating(0, 0, 3), (300, 1, 300));
        // 4.5 exactly stays 450; 1,000 fours and one five: 4.000999 → 4.00.
        assert_eq!(add_rating(400, 1, 5), (900, 2, 450));
        assert_eq!(add_rating(400_000, 1000, 5).2, 400);
        assert_eq!(ReviewSort::parse("best"), ReviewSort::Best);
        assert_eq!(ReviewSort::parse("zzz"), ReviewSort::New);
    }
}
