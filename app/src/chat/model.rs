//! The chat's types and pure rules: who a party is, a message's text, what a
//! seller may not send (sign-in codes, card and phone numbers), and what a poll
//! answers.

use crate::shared::error::{AppError, AppResult, Field, Problem};
use serde::{Deserialize, Serialize};

/// At most this many characters in a message.
pub const MAX_TEXT: usize = 1000;
/// A dialog's page of messages.
pub const PAGE: i64 = 50;
/// Messages one account may send in a minute.
pub const PER_MINUTE: i64 = 20;
/// How often the browser asks while a dialog is open and visible (3 s), and for
/// the header's badge (30 s), in milliseconds: the server's hint, which it may
/// raise. A test server (`APP_ENV=test`) asks faster, so browser tests need not
/// wait.
pub fn poll_ms(env: &str, dialog: bool) -> u32 {
    match (env == "test", dialog) {
        (false, true) => 3_000,
        (false, false) => 30_000,
        (true, true) => 500,
        (true, false) => 1_000,
    }
}

/// Which side of a dialog someone is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Shopper,
    Seller,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Shopper => "shopper",
            Side::Seller => "seller",
        }
    }

    pub fn parse(s: &str) -> Option<Side> {
        match s {
            "shopper" => Some(Side::Shopper),
            "seller" => Some(Side::Seller),
            _ => None,
        }
    }
}

/// Who is asking: a shopper (an account), or a seller's staff (the seller's
/// version counter and dialogs). Its key names its change counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Party {
    Shopper(i64),
    Seller(i64),
}

impl Party {
    pub fn side(self) -> Side {
        match self {
            Party::Shopper(_) => Side::Shopper,
            Party::Seller(_) => Side::Seller,
        }
    }

    /// The key of the party's change counter: "u:7", "s:3".
    pub fn key(self) -> String {
        match self {
            Party::Shopper(id) => format!("u:{id}"),
            Party::Seller(id) => format!("s:{id}"),
        }
    }
}

/// A message's text as sent: trimmed, 1 to `MAX_TEXT` characters, no control
/// characters but line breaks and tabs.
pub fn parse_text(raw: &str) -> AppResult<String> {
    let text = raw.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return Err(AppError::invalid(Field::Message, Problem::Empty));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(AppError::invalid(Field::Message, Problem::TooLong));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(AppError::invalid(Field::Message, Problem::BadCharacters));
    }
    Ok(text)
}

/// Whether a seller's message holds something shaped like what scammers ask for
/// or give: a sign-in code (5 or 6 digits standing alone), a card number (13 to 19
/// digits, spaces or hyphens between, that pass the Luhn check), or a Russian phone
/// number (11 digits from 7 or 8, or 10 from 9, however grouped). Such a message
/// is held back from the shopper and shown to support. Years, sizes and prices
/// pass.
pub fn scam_shaped(text: &str) -> bool {
    digit_runs(text, false)
        .iter()
        .any(|r| (5..=6).contains(&r.len()))
        || digit_runs(text, true).iter().any(|r| {
            let phone = (r.len() == 11 && (r.starts_with('7') || r.starts_with('8')))
                || (r.len() == 10 && r.starts_with('9'));
            phone || crate::shared::card::luhn(r)
        })
}

/// The runs of digits in `text`; `joined` runs go on across up to two spaces,
/// hyphens, brackets or dots between digits, as people write numbers.
fn digit_runs(text: &str, joined: bool) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    // Separators since the last digit: "7 (916)" has two.
    let mut gap = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
            gap = 0;
        } else if joined
            && !run.is_empty()
            && gap < 2
            && matches!(c, ' ' | '-' | '(' | ')' | '.' | '\u{a0}')
        {
            gap += 1;
        } else if joined && run.is_empty() && matches!(c, '+' | '(') {
            // "+7 (916)": the number starts after them.
        } else {
            if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            gap = 0;
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// A dialog in a list: the other side, the pinned card, the last message and how
/// many are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialogSummary {
    pub id: i64,
    /// The seller's name (to a shopper) or the shopper's (to a seller's staff).
    pub title: String,
    pub last: String,
    /// "dd.mm.yyyy hh:mm", Moscow time.
    pub at: String,
    pub unread: i64,
}

/// A person's dialogs, and whether they work for a seller (the "Покупатели" tab).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialogList {
    pub dialogs: Vec<DialogSummary>,
    pub seller_staff: bool,
}

/// A message as its reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub mine: bool,
    /// Shown as text, never as markup.
    pub text: String,
    pub at: String,
    /// Mine, and read by the other side.
    pub read: bool,
    /// Held back from the shopper (to its writer: "not delivered, under review").
    pub held: bool,
    /// The image sent with it.
    pub image: Option<MessageImage>,
}

/// An image in a message: its random token (its address, /chat/image/<token>) and
/// its size as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageImage {
    pub token: String,
    pub width: i64,
    pub height: i64,
}

impl MessageImage {
    /// The thumbnail's size: the longest side at most 320 pixels.
    pub fn thumb_size(&self) -> (i64, i64) {
        let side = self.width.max(self.height).max(1);
        if side <= 320 {
            return (self.width, self.height);
        }
        (
            (self.width * 320 / side).max(1),
            (self.height * 320 / side).max(1),
        )
    }
}

/// A message's text when an image goes with it: it may be empty.
pub fn parse_caption(raw: &str) -> AppResult<String> {
    if raw.trim().is_empty() {
        return Ok(String::new());
    }
    parse_text(raw)
}

/// What a dialog is about, pinned at its top.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pinned {
    Product { id: i64, title: String, url: String },
    Order { id: i64, number: String },
}

/// A dialog open on its page: a page of messages, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialogView {
    pub id: i64,
    pub title: String,
    pub side: Side,
    pub pinned: Option<Pinned>,
    pub messages: Vec<MessageView>,
    /// The id to page back from, when older messages exist.
    pub older: Option<i64>,
    /// The party's change counter when this was read: the poll's cursor.
    pub version: i64,
    pub blocked: bool,
    /// Milliseconds between the open dialog's polls.
    pub poll_ms: u32,
}

/// A seller's message held back from the shopper, as support reviews it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldMessage {
    pub id: i64,
    pub seller: String,
    /// Shown as text, never as markup.
    pub text: String,
    pub at: String,
}

/// What the header's badge poll answers: nothing changed since the cursor, or the
/// new counter and the unread total. Small on purpose: it is in every page's WASM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgeAnswer {
    pub version: i64,
    pub changed: bool,
    pub unread: i64,
    /// Milliseconds until the next poll the server asks for.
    pub next_ms: u32,
}

/// What an open dialog's poll answers: nothing changed since the cursor, or the new counter with
/// the unread total and, for an open dialog, the messages after the last one seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollAnswer {
    pub version: i64,
    pub changed: bool,
    pub unread: i64,
    pub messages: Vec<MessageView>,
    /// In the open dialog, the last of the reader's messages the other side read.
    pub read_upto: i64,
    /// Milliseconds until the next poll the server asks for.
    pub next_ms: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(
            parse_text("  Здравствуйте!\r\nЕсть размер M?  ").unwrap(),
            "Здравствуйте!\nЕсть размер M?"
        );
        assert_eq!(
            parse_text(" \n "),
            Err(AppError::invalid(Field::Message, Problem::Empty))
        );
        assert_eq!(
            parse_text(&"я".repeat(MAX_TEXT + 1)),
            Err(AppError::invalid(Field::Message, Problem::TooLong))
        );
        assert!(parse_text(&"я".repeat(MAX_TEXT)).is_ok());
        assert_eq!(
            parse_text("a\u{7}b"),
            Err(AppError::invalid(Field::Message, Problem::BadCharacters))
        );
    }

    #[test]
    fn codes_cards_and_phones_are_scam_shaped_sizes_and_prices_are_not() {
        for held in [
            "Назовите код из SMS: 482913",
            "код 48291",
            "Переведите на карту 2200 1234 5678 9019",
            "карта 4276-3800-1234-5679",
            "Позвоните +7 (916) 123-45-67",
            "пишите в WhatsApp 89161234567",
            "мой номер 916 123 45 67",
        ] {
            assert!(scam_shaped(held), "{held}");
        }
        for fine in [
            "Размер 42, рост 176",
            "Доставим за 3 дня, цена 1 299 ₽",
            "Цена 12 990 ₽, было 129 990 ₽",
            "Модель 2024 года",
            "Размеры 42 44 46 48 50",
            "Артикул 2200 1234 5678 9012",
            "Да, есть в наличии",
        ] {
            assert!(!scam_shaped(fine), "{fine}");
        }
    }
}
