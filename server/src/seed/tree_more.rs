//! The second half of the category tree.

use super::vocab::{COLOURS, Leaf, Root};

pub const BEAUTY: Root = Root {
    slug: "beauty",
    ru: "Красота и здоровье",
    en: "Beauty and health",
    leaves: &[
        Leaf {
            slug: "skincare",
            ru: "Уход за лицом",
            en: "Skincare",
            noun: "Крем для лица",
            brands: &[
                "Natura Siberica",
                "Чистая линия",
                "La Roche-Posay",
                "Librederm",
                "Garnier",
            ],
            price: (190, 4_990),
            attrs: &[
                ("Объём", &["30 мл", "50 мл", "100 мл"]),
                (
                    "Тип кожи",
                    &["сухая", "жирная", "комбинированная", "для всех типов"],
                ),
            ],
        },
        Leaf {
            slug: "shampoos",
            ru: "Шампуни",
            en: "Shampoos",
            noun: "Шампунь",
            brands: &[
                "Head & Shoulders",
                "Schwarzkopf",
                "Чистая линия",
                "Kapous",
                "Elseve",
            ],
            price: (150, 2_490),
            attrs: &[
                ("Объём", &["250 мл", "400 мл", "1000 мл"]),
                (
                    "Тип волос",
                    &["сухие", "жирные", "окрашенные", "для всех типов"],
                ),
            ],
        },
        Leaf {
            slug: "toothbrushes",
            ru: "Зубные щётки",
            en: "Toothbrushes",
            noun: "Зубная щётка электрическая",
            brands: &["Oral-B", "Philips", "Revyline", "Xiaomi"],
            price: (890, 14_990),
            attrs: &[
                ("Режимов", &["1", "3", "5"]),
                ("Время работы", &["14 дней", "30 дней", "60 дней"]),
            ],
        },
        Leaf {
            slug: "vitamins",
            ru: "Витамины",
            en: "Vitamins",
            noun: "Витамин D3",
            brands: &["Эвалар", "Solgar", "Компливит", "Витамир"],
            price: (190, 3_490),
            attrs: &[
                ("Количество", &["30 капсул", "60 капсул", "120 капсул"]),
                ("Форма", &["капсулы", "таблетки", "капли"]),
            ],
        },
    ],
};

pub const KIDS: Root = Root {
    slug: "kids",
    ru: "Детские товары",
    en: "Kids",
    leaves: &[
        Leaf {
            slug: "construction-toys",
            ru: "Конструкторы",
            en: "Construction toys",
            noun: "Конструктор",
            brands: &["LEGO", "Mould King", "Sluban", "Банда умников"],
            price: (490, 29_990),
            attrs: &[
                ("Количество деталей", &["120", "350", "800", "1500"]),
                (
                    "Возраст",
                    &["от 3 лет", "от 6 лет", "от 8 лет", "от 12 лет"],
                ),
            ],
        },
        Leaf {
            slug: "diapers",
            ru: "Подгузники",
            en: "Diapers",
            noun: "Подгузники",
            brands: &["Pampers", "Huggies", "Merries", "Мультидом"],
            price: (690, 3_990),
            attrs: &[
                (
                    "Размер",
                    &["1 (2–5 кг)", "3 (6–10 кг)", "4 (9–14 кг)", "5 (11–25 кг)"],
                ),
                ("Количество в упаковке", &["36 шт.", "52 шт.", "96 шт."]),
            ],
        },
        Leaf {
            slug: "strollers",
            ru: "Коляски",
            en: "Strollers",
            noun: "Коляска прогулочная",
            brands: &["Happy Baby", "Valco", "Tutis", "Indigo"],
            price: (5_990, 69_990),
            attrs: &[("Вес", &["6 кг", "8 кг", "11 кг"]), ("Цвет", COLOURS)],
        },
        Leaf {
            slug: "board-games",
            ru: "Настольные игры",
            en: "Board games",
            noun: "Настольная игра",
            brands: &["Hobby World", "Мосигра", "Звезда", "Лавка игр"],
            price: (390, 7_990),
            attrs: &[
                ("Количество игроков", &["2–4", "2–6", "3–8"]),
                ("Возраст", &["от 6 лет", "от 8 лет", "от 12 лет"]),
            ],
        },
    ],
};

pub const SPORT: Root = Root {
    slug: "sport",
    ru: "Спорт и отдых",
    en: "Sport and leisure",
    leaves: &[
        Leaf {
            slug: "bicycles",
            ru: "Велосипеды",
            en: "Bicycles",
            noun: "Велосипед горный",
            brands: &["Stels", "Forward", "Stinger", "Merida"],
            price: (9_990, 119_990),
            attrs: &[
                ("Диаметр колёс", &["20\"", "24\"", "26\"", "29\""]),
                ("Количество скоростей", &["1", "7", "21", "24"]),
                ("Цвет", COLOURS),
            ],
        },
        Leaf {
            slug: "yoga",
            ru: "Йога и фитнес",
            en: "Yoga and fitness",
            noun: "Коврик для йоги",
            brands: &["Demix", "Starfit", "Torres", "Kettler"],
            price: (490, 5_990),
            attrs: &[("Толщина", &["4 мм", "6 мм", "10 мм"]), ("Цвет", COLOURS)],
        },
        Leaf {
            slug: "tents",
            ru: "Палатки",
            en: "Tents",
            noun: "Палатка туристическая",
            brands: &["Outventure", "Greenell", "Trek Planet", "Btrace"],
            price: (2_490, 39_990),
            attrs: &[
                ("Вместимость", &["2 места", "3 места", "4 места"]),
                ("Вес", &["2,1 кг", "3,5 кг", "5 кг"]),
            ],
        },
        Leaf {
            slug: "dumbbells",
            ru: "Гантели",
            en: "Dumbbells",
            noun: "Гантель разборная",
            brands: &["Starfit", "Torres", "Body Solid", "Atlas Sport"],
            price: (690, 14_990),
            attrs: &[
                ("Вес", &["5 кг", "10 кг", "20 кг", "30 кг"]),
                ("Материал", &["чугун", "винил", "сталь"]),
            ],
        },
    ],
};
