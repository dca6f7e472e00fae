//! Support requests' types and pure rules: a request's topic and status, its
//! number ("26-000123"), a rating, and support's working hours (09:00–18:00 Moscow
//! time on business days, public holidays counted by `shared::calendar`).

use crate::shared::error::{AppError, AppResult, Field, Problem};
use serde::{Deserialize, Serialize};

/// Support answers from 09:00 to 18:00 Moscow time, on business days.
pub const OPENS_AT: i64 = 9;
pub const CLOSES_AT: i64 = 18;
/// Requests one shopper may have not closed at once.
pub const MAX_OPEN: i64 = 10;
/// A queue's page.
pub const QUEUE_PAGE: i64 = 100;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
const MSK: i64 = 3 * HOUR;

/// What a request is about, as the shopper picks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Order,
    Return,
    Payment,
    Account,
    Other,
}

impl Topic {
    pub const ALL: [Topic; 5] = [
        Topic::Order,
        Topic::Return,
        Topic::Payment,
        Topic::Account,
        Topic::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Order => "order",
            Topic::Return => "return",
            Topic::Payment => "payment",
            Topic::Account => "account",
            Topic::Other => "other",
        }
    }

    pub fn parse(s: &str) -> AppResult<Topic> {
        match s.trim() {
            "" => Err(AppError::invalid(Field::Topic, Problem::Empty)),
            s => Self::ALL
                .into_iter()
                .find(|t| t.as_str() == s)
                .ok_or(AppError::invalid(Field::Topic, Problem::Unknown)),
        }
    }
}

/// Where a request stands: an agent owes an answer (open), the agent waits for
/// the shopper (waiting), the agent answered (answered), or it is over (closed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Waiting,
    Answered,
    Closed,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Open,
        Status::Waiting,
        Status::Answered,
        Status::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Waiting => "waiting",
            Status::Answered => "answered",
            Status::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> AppResult<Status> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == s.trim())
            .ok_or(AppError::invalid(Field::Status, Problem::Unknown))
    }
}

/// Who wrote a message in a request: the shopper, an agent, support's automatic
/// reply (its text is the moment an agent will answer), or an agent's internal
/// note, which the shopper never sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    Shopper,
    Agent,
    Auto,
    Note,
}

impl Author {
    pub fn as_str(self) -> &'static str {
        match self {
            Author::Shopper => "shopper",
            Author::Agent => "agent",
            Author::Auto => "auto",
            Author::Note => "note",
        }
    }

    pub fn parse(s: &str) -> Author {
        match s {
            "shopper" => Author::Shopper,
            "agent" => Author::Agent,
            "auto" => Author::Auto,
            _ => Author::Note,
        }
    }
}

/// A request's number as the shopper quotes it: the year's last two digits and
/// its place in that year's sequence, "26-000123" (shown as "№ 26-000123").
pub fn number(year: i64, seq: i64) -> String {
    format!("{:02}-{seq:06}", year.rem_euclid(100))
}

/// A shopper's rating of the answer: 1 to 5 stars.
pub fn parse_rating(raw: &str) -> AppResult<i64> {
    match raw.trim().parse::<i64>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        Ok(_) => Err(AppError::invalid(Field::Rating, Problem::OutOfRange)),
        Err(_) if raw.trim().is_empty() => Err(AppError::invalid(Field::Rating, Problem::Empty)),
        Err(_) => Err(AppError::invalid(Field::Rating, Problem::NotAWholeNumber)),
    }
}

/// Whether support works at moment `ms`.
pub fn working(ms: i64) -> bool {
    let local = ms + MSK;
    let hour = local.rem_euclid(DAY) / HOUR;
    crate::shared::calendar::is_business_day(local.div_euclid(DAY))
        && (OPENS_AT..CLOSES_AT).contains(&hour)
}

/// When support next opens after moment `ms`: 09:00 Moscow time of the same day
/// if that is a business day not yet begun, or of the next business day.
pub fn next_opening(ms: i64) -> i64 {
    let local = ms + MSK;
    let mut day = local.div_euclid(DAY);
    if local.rem_euclid(DAY) >= OPENS_AT * HOUR {
        day += 1;
    }
    while !crate::shared::calendar::is_business_day(day) {
        day += 1;
    }
    day * DAY + OPENS_AT * HOUR - MSK
}

/// A request in a list: the shopper's, or the agents' queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSummary {
    pub id: i64,
    pub number: String,
    pub topic: Topic,
    pub status: Status,
    /// The last message's moment, "dd.mm.yyyy hh:mm", Moscow time.
    pub at: String,
    /// In the queue: since when the shopper waits for an agent.
    pub waiting_since: Option<String>,
    /// In the queue: the agent it is assigned to.
    pub agent: Option<String>,
    /// To the shopper: the agents' messages not read yet.
    pub unread: i64,
}

/// A message of a request as its reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportMessage {
    pub id: i64,
    pub author: Author,
    /// Shown as text, never as markup. For `Author::Auto`, when an agent answers.
    pub text: String,
    pub at: String,
}

/// One of the shopper's orders as an agent sees it: never its pickup code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopperOrder {
    pub id: i64,
    pub number: String,
    pub at: String,
    pub total: crate::shared::money::Money,
    /// Its postings' statuses, and whether it goes by courier.
    pub statuses: Vec<(crate::orders::PostingStatus, bool)>,
}

/// The shopper behind a request, for the agent: who they are and their orders;
/// never a code or a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopperCard {
    pub name: String,
    pub phone: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub orders: Vec<ShopperOrder>,
}

/// A request open on its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: i64,
    pub number: String,
    pub topic: Topic,
    pub status: Status,
    pub order: Option<(i64, String)>,
    pub messages: Vec<SupportMessage>,
    pub rating: Option<i64>,
    pub created_at: String,
    /// To an agent: the shopper, and who has the request.
    pub shopper: Option<ShopperCard>,
    pub agent: Option<String>,
    pub mine: bool,
    /// To the shopper: the header badge's counter when this was read, which the
    /// open page follows, and how often it asks (milliseconds).
    pub version: i64,
    pub poll_ms: u32,
}

/// The signed-in shopper's requests, and their orders to tie a new one to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestList {
    pub requests: Vec<RequestSummary>,
    pub orders: Vec<(i64, String)>,
    /// Whether support works now (the form says when it answers otherwise).
    pub working: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Moscow wall time as Unix ms.
    fn msk(date: &str, hour: i64, minute: i64) -> i64 {
        crate::shared::calendar::day_number(date).unwrap() * DAY + hour * HOUR + minute * 60_000
            - MSK
    }

    #[test]
    fn numbers_are_the_year_and_a_six_digit_sequence() {
        assert_eq!(number(2026, 123), "26-000123");
        assert_eq!(number(2027, 1), "27-000001");
        assert_eq!(number(2026, 1_234_567), "26-1234567");
    }

    #[test]
    fn topics_statuses_and_ratings_parse_with_a_reason_for_each_bad_value() {
        assert_eq!(Topic::parse(" return "), Ok(Topic::Return));
        assert_eq!(
            Topic::parse(""),
            Err(AppError::invalid(Field::Topic, Problem::Empty))
        );
        assert_eq!(
            Topic::parse("refund"),
            Err(AppError::invalid(Field::Topic, Problem::Unknown))
        );
        assert_eq!(Status::parse("closed"), Ok(Status::Closed));
        assert!(Status::parse("done").is_err());
        assert_eq!(parse_rating("5"), Ok(5));
        for (raw, p) in [
            ("0", Problem::OutOfRange),
            ("6", Problem::OutOfRange),
            ("", Problem::Empty),
            ("пять", Problem::NotAWholeNumber),
        ] {
            assert_eq!(parse_rating(raw), Err(AppError::invalid(Field::Rating, p)));
        }
    }

    #[test]
    fn support_works_nine_to_six_on_business_days() {
        // Monday 2026-11-23.
        assert!(!working(msk("2026-11-23", 8, 59)));
        assert!(working(msk("2026-11-23", 9, 0)));
        assert!(working(msk("2026-11-23", 17, 59)));
        assert!(!working(msk("2026-11-23", 18, 0)));
        // Saturday, Sunday, and a public holiday on a Wednesday (4 November).
        assert!(!working(msk("2026-11-21", 12, 0)));
        assert!(!working(msk("2026-11-22", 12, 0)));
        assert!(!working(msk("2026-11-04", 12, 0)));
    }

    #[test]
    fn the_next_opening_skips_evenings_weekends_and_holidays() {
        // Before nine on a business day: nine the same day.
        assert_eq!(
            next_opening(msk("2026-11-23", 7, 30)),
            msk("2026-11-23", 9, 0)
        );
        // Friday evening and Saturday: Monday at nine.
        for t in [msk("2026-11-20", 18, 0), msk("2026-11-21", 12, 0)] {
            assert_eq!(next_opening(t), msk("2026-11-23", 9, 0));
        }
        // The evening before 4 November (a Wednesday off): Thursday.
        assert_eq!(
            next_opening(msk("2026-11-03", 19, 0)),
            msk("2026-11-05", 9, 0)
        );
        // New Year: from 30 December to 11 January 2027.
        assert_eq!(
            next_opening(msk("2026-12-30", 18, 30)),
            msk("2027-01-11", 9, 0)
        );
    }
}
