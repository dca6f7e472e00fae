//! Reviews' types and rules: a rating of 1 to 5 stars, the text, the order of the
//! list, what the product page shows, and which texts wait for moderation.

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

/// The product's rating less one review of `stars` (one deleted, rejected or
/// changed): the same three numbers as [`add_rating`]; no ratings left is 0.
pub fn remove_rating(total: i64, count: i64, stars: i64) -> (i64, i64, i64) {
    let total = (total - stars * 100).max(0);
    let count = (count - 1).max(0);
    if count == 0 {
        return (0, 0, 0);
    }
    (total, count, (total * 2 + count) / (count * 2))
}

/// Where a review stands: shown and counted, waiting for an agent, or kept off the
/// page with the agent's reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Published,
    Held,
    Rejected,
}

impl ReviewStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Published => "published",
            ReviewStatus::Held => "held",
            ReviewStatus::Rejected => "rejected",
        }
    }

    /// As stored; anything else is a row written by hand, kept off the page.
    pub fn parse(s: &str) -> ReviewStatus {
        match s {
            "published" => ReviewStatus::Published,
            "held" => ReviewStatus::Held,
            _ => ReviewStatus::Rejected,
        }
    }

    /// A new or changed text with contact details or a link waits for an agent;
    /// anything else is published at once.
    pub fn of_text(text: &str) -> ReviewStatus {
        if needs_moderation(text) {
            ReviewStatus::Held
        } else {
            ReviewStatus::Published
        }
    }
}

/// Whether a review's text carries what a review may not: a link (`http`, `www.`
/// or a domain such as `shop.ru`), an email address, or a phone number (10 or more
/// digits however grouped). Such a text waits for an agent rather than going
/// straight onto the product's page. Sizes, years, prices and model numbers pass.
pub fn needs_moderation(text: &str) -> bool {
    let lower = text.to_lowercase();
    if lower.contains("http://") || lower.contains("https://") || lower.contains("www.") {
        return true;
    }
    let domain = lower
        .split(|c: char| c.is_whitespace() || ",;:!?()«»\"'".contains(c))
        .any(|w| {
            let w = w.trim_end_matches('.');
            match w.rsplit_once('.') {
                Some((name, tld)) => {
                    !name.is_empty()
                        && name.chars().last().is_some_and(char::is_alphanumeric)
                        && [
                            "ru", "com", "net", "org", "su", "рф", "io", "me", "shop", "store",
                            "online", "info",
                        ]
                        .contains(&tld)
                }
                None => false,
            }
        });
    let email = lower.split_whitespace().any(|w| {
        w.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'))
    });
    // Digits running on across spaces, hyphens, brackets and dots, as phones are written.
    let mut run = 0;
    let mut longest = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            run += 1;
            longest = longest.max(run);
        } else if !matches!(c, ' ' | '-' | '(' | ')' | '.' | '+' | '\u{a0}') {
            run = 0;
        }
    }
    domain || email || longest >= 10
}

/// A held review as the agents' screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldReview {
    pub id: i64,
    pub product: i64,
    pub title: String,
    pub rating: i64,
    pub body: String,
    /// "dd.mm.yyyy hh:mm", Moscow time.
    pub at: String,
}

/// The author's own review of a line, as the form to change it shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnReview {
    pub rating: i64,
    pub body: String,
    pub status: ReviewStatus,
    /// The agent's reason, when rejected.
    pub reason: String,
    /// Changed since it was written.
    pub edited: bool,
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
    fn contact_details_and_links_wait_for_an_agent_and_sizes_years_and_prices_pass() {
        for held in [
            "Пишите мне на https://example.com",
            "заходите на www.shop-x.ru",
            "дешевле на shop-x.ru.",
            "почта: ivan@example.com",
            "звоните +7 (916) 123-45-67",
            "89161234567",
            "тел. 916 123 45 67",
        ] {
            assert!(needs_moderation(held), "{held}");
        }
        for fine in [
            "Отличный телефон, размер 42, взял в 2024 году за 12 990 ₽.",
            "Модель SM-A556, 8/256 ГБ. Батарея 5000 мА·ч.",
            "Хорошо. Всё пришло вовремя.",
            "",
        ] {
            assert!(!needs_moderation(fine), "{fine}");
        }
        assert_eq!(
            ReviewStatus::of_text("ivan@example.com"),
            ReviewStatus::Held
        );
        assert_eq!(ReviewStatus::parse("held"), ReviewStatus::Held);
        assert_eq!(ReviewStatus::parse("??"), ReviewStatus::Rejected);
    }

    #[test]
    fn a_rating_taken_away_leaves_the_exact_average_of_the_rest() {
        // 14.00 over 3, less a 5: 9.00 over 2 = 4.50.
        assert_eq!(remove_rating(1400, 3, 5), (900, 2, 450));
        assert_eq!(remove_rating(300, 1, 3), (0, 0, 0));
        // Added then taken away: back where it was.
        let (t, c, _) = add_rating(900, 2, 1);
        assert_eq!(remove_rating(t, c, 1), (900, 2, 450));
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
