//! The demo catalogue's vocabulary: a category tree and, for each leaf, what its
//! products are called, who makes them, what they cost and how they are described.

use super::tree_goods::{CLOTHES, ELECTRONICS, HOME};
use super::tree_more::{BEAUTY, KIDS, SPORT};
use super::vocab::Root;

/// The category tree: six roots and their leaves.
pub const TREE: &[Root] = &[ELECTRONICS, HOME, CLOTHES, BEAUTY, KIDS, SPORT];

pub const SELLER_FIRST: &[&str] = &[
    "Техно",
    "Быт",
    "Мега",
    "Добро",
    "Сибирь",
    "Волга",
    "Урал",
    "Север",
    "Город",
    "Домо",
];
pub const SELLER_SECOND: &[&str] = &[
    "маркет",
    "сервис",
    "трейд",
    "торг",
    "снаб",
    "опт",
    "лайн",
    "мир",
];
pub const ADJECTIVES: &[&str] = &[
    "надёжный",
    "лёгкий",
    "компактный",
    "удобный",
    "стильный",
    "практичный",
    "прочный",
    "тихий",
];
pub const USES: &[&str] = &[
    "для дома и работы",
    "на каждый день",
    "в подарок",
    "для всей семьи",
    "для дачи и путешествий",
    "для активного отдыха",
];
