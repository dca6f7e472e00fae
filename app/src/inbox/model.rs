//! The inbox's types.

use serde::{Deserialize, Serialize};

/// How many notices a page of the inbox shows.
pub const PAGE: i64 = 30;

/// A notice as the shopper reads it, in their language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeView {
    pub id: i64,
    pub text: String,
    /// Where the notice leads: the operation's own page (always a path on Rynok).
    pub link: String,
    /// "dd.mm.yyyy hh:mm", Moscow time.
    pub at: String,
    pub unread: bool,
}

/// One page of the inbox, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub notices: Vec<NoticeView>,
    pub unread: i64,
    /// The id to page back from, when older notices exist.
    pub older: Option<i64>,
    /// The newest id on the page, which "mark all as read" marks up to.
    pub newest: Option<i64>,
}

/// What a domain posts: a topic and subject that make it unique with the status,
/// and the text in both languages, composed when the change happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotice<'a> {
    pub topic: &'a str,
    pub subject: i64,
    pub status: &'a str,
    pub text_ru: String,
    pub text_en: String,
    pub link: String,
}

impl NewNotice<'_> {
    /// Whether the notice is fit to keep: texts present and not absurdly long, and
    /// the link a path on this site (never another origin, never `javascript:`).
    pub fn is_valid(&self) -> bool {
        let fits = |s: &str| !s.trim().is_empty() && s.chars().count() <= 1_000;
        fits(&self.text_ru)
            && fits(&self.text_en)
            && self.link.starts_with('/')
            && !self.link.starts_with("//")
            && !self.link.contains(['\\', '\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(link: &str, text: &str) -> NewNotice<'static> {
        NewNotice {
            topic: "withdrawal",
            subject: 1,
            status: "paid",
            text_ru: text.into(),
            text_en: text.into(),
            link: link.into(),
        }
    }

    #[test]
    fn only_local_links_and_real_texts_are_kept() {
        assert!(notice("/account/wallet/withdrawals/1", "Выведено").is_valid());
        for bad in [
            "https://evil.example/",
            "//evil.example/",
            "javascript:alert(1)",
            "/\\evil",
            "",
        ] {
            assert!(!notice(bad, "Выведено").is_valid(), "{bad}");
        }
        assert!(!notice("/account", "  ").is_valid());
        assert!(!notice("/account", &"я".repeat(1_001)).is_valid());
    }
}
