//! The shapes of the demo catalogue's vocabulary, and the words its leaves share.

pub struct Root {
    pub slug: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
    pub leaves: &'static [Leaf],
}

pub struct Leaf {
    pub slug: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
    /// What one product is called in a title: "Смартфон".
    pub noun: &'static str,
    pub brands: &'static [&'static str],
    /// Price range in roubles.
    pub price: (i64, i64),
    pub attrs: &'static [(&'static str, &'static [&'static str])],
}

pub const COLOURS: &[&str] = &[
    "чёрный",
    "белый",
    "серый",
    "синий",
    "красный",
    "зелёный",
    "бежевый",
    "розовый",
];
pub const COUNTRIES: &[&str] = &["Россия", "Китай", "Беларусь", "Турция", "Вьетнам", "Корея"];
