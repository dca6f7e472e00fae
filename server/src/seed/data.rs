//! The demo catalogue's vocabulary: a category tree and, for each leaf, what its
//! products are called, who makes them, what they cost and how they are described.

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

const COLOURS: &[&str] = &[
    "чёрный",
    "белый",
    "серый",
    "синий",
    "красный",
    "зелёный",
    "бежевый",
    "розовый",
];
const COUNTRIES: &[&str] = &["Россия", "Китай", "Беларусь", "Турция", "Вьетнам", "Корея"];

pub const TREE: &[Root] = &[
    Root {
        slug: "electronics",
        ru: "Электроника",
        en: "Electronics",
        leaves: &[
            Leaf {
                slug: "smartphones",
                ru: "Смартфоны",
                en: "Smartphones",
                noun: "Смартфон",
                brands: &[
                    "Xiaomi", "Samsung", "Apple", "Honor", "Realme", "Tecno", "Infinix", "Poco",
                ],
                price: (6_990, 149_990),
                attrs: &[
                    ("Цвет", COLOURS),
                    (
                        "Встроенная память",
                        &["64 ГБ", "128 ГБ", "256 ГБ", "512 ГБ"],
                    ),
                    ("Диагональ экрана", &["6,1\"", "6,5\"", "6,7\""]),
                    ("Страна производства", COUNTRIES),
                    ("Тип устройства", &["мобильный телефон"]),
                ],
            },
            Leaf {
                slug: "laptops",
                ru: "Ноутбуки",
                en: "Laptops",
                noun: "Ноутбук",
                brands: &["Lenovo", "Asus", "Acer", "HP", "Huawei", "MSI", "Irbis"],
                price: (24_990, 249_990),
                attrs: &[
                    (
                        "Процессор",
                        &[
                            "Intel Core i3",
                            "Intel Core i5",
                            "AMD Ryzen 5",
                            "AMD Ryzen 7",
                        ],
                    ),
                    ("Оперативная память", &["8 ГБ", "16 ГБ", "32 ГБ"]),
                    ("Диагональ экрана", &["14\"", "15,6\"", "16\""]),
                    ("Цвет", COLOURS),
                ],
            },
            Leaf {
                slug: "headphones",
                ru: "Наушники",
                en: "Headphones",
                noun: "Наушники беспроводные",
                brands: &["JBL", "Sony", "Xiaomi", "Huawei", "Marshall", "Defender"],
                price: (990, 39_990),
                attrs: &[
                    (
                        "Тип",
                        &["вкладыши", "внутриканальные", "накладные", "полноразмерные"],
                    ),
                    ("Время работы", &["5 ч", "8 ч", "20 ч", "40 ч"]),
                    ("Цвет", COLOURS),
                ],
            },
            Leaf {
                slug: "tvs",
                ru: "Телевизоры",
                en: "TVs",
                noun: "Телевизор",
                brands: &["Samsung", "LG", "Haier", "TCL", "Hisense", "Xiaomi"],
                price: (12_990, 199_990),
                attrs: &[
                    ("Диагональ", &["32\"", "43\"", "50\"", "55\"", "65\""]),
                    ("Разрешение", &["HD", "Full HD", "4K UHD"]),
                    ("Smart TV", &["да", "нет"]),
                ],
            },
        ],
    },
    Root {
        slug: "home",
        ru: "Дом и сад",
        en: "Home and garden",
        leaves: &[
            Leaf {
                slug: "cookware",
                ru: "Посуда",
                en: "Cookware",
                noun: "Сковорода",
                brands: &[
                    "Tefal",
                    "Rondell",
                    "Нева Металл Посуда",
                    "Kukmara",
                    "Attribute",
                ],
                price: (590, 9_990),
                attrs: &[
                    ("Диаметр", &["20 см", "24 см", "26 см", "28 см"]),
                    ("Покрытие", &["антипригарное", "керамическое", "чугун"]),
                    ("Страна производства", COUNTRIES),
                ],
            },
            Leaf {
                slug: "bedding",
                ru: "Постельное бельё",
                en: "Bedding",
                noun: "Комплект постельного белья",
                brands: &[
                    "Ночь Нежна",
                    "Самойловский текстиль",
                    "Cleo",
                    "Ивановский текстиль",
                ],
                price: (1_290, 12_990),
                attrs: &[
                    (
                        "Размер",
                        &["1,5-спальный", "2-спальный", "евро", "семейный"],
                    ),
                    ("Ткань", &["бязь", "сатин", "поплин", "лён"]),
                    ("Цвет", COLOURS),
                ],
            },
            Leaf {
                slug: "lamps",
                ru: "Светильники",
                en: "Lamps",
                noun: "Лампа настольная",
                brands: &["Эра", "Camelion", "Xiaomi", "Gauss", "Navigator"],
                price: (490, 7_990),
                attrs: &[
                    ("Цоколь", &["E27", "E14", "LED встроенный"]),
                    ("Мощность", &["5 Вт", "9 Вт", "12 Вт"]),
                    ("Цвет", COLOURS),
                ],
            },
            Leaf {
                slug: "garden-tools",
                ru: "Садовый инструмент",
                en: "Garden tools",
                noun: "Секатор",
                brands: &["Fiskars", "Gardena", "Palisad", "Park"],
                price: (390, 6_990),
                attrs: &[
                    ("Материал", &["сталь", "алюминий", "пластик"]),
                    ("Длина", &["20 см", "45 см", "70 см"]),
                ],
            },
        ],
    },
    Root {
        slug: "clothes",
        ru: "Одежда",
        en: "Clothing",
        leaves: &[
            Leaf {
                slug: "t-shirts",
                ru: "Футболки",
                en: "T-shirts",
                noun: "Футболка",
                brands: &["Befree", "Gloria Jeans", "Zarina", "Oodji", "Твое"],
                price: (390, 2_990),
                attrs: &[
                    ("Размер", &["XS", "S", "M", "L", "XL", "XXL"]),
                    ("Состав", &["хлопок 100%", "хлопок 95%, эластан 5%"]),
                    ("Цвет", COLOURS),
                ],
            },
            Leaf {
                slug: "jackets",
                ru: "Куртки",
                en: "Jackets",
                noun: "Куртка зимняя",
                brands: &["Outventure", "Northland", "Finn Flare", "Baon"],
                price: (2_990, 24_990),
                attrs: &[
                    ("Размер", &["44", "46", "48", "50", "52"]),
                    ("Утеплитель", &["пух", "синтепон", "холлофайбер"]),
                    ("Цвет", COLOURS),
                ],
            },
            Leaf {
                slug: "sneakers",
                ru: "Кроссовки",
                en: "Sneakers",
                noun: "Кроссовки",
                brands: &["Nike", "Adidas", "Puma", "Demix", "Li-Ning", "Anta"],
                price: (1_990, 19_990),
                attrs: &[
                    ("Размер", &["38", "39", "40", "41", "42", "43", "44"]),
                    (
                        "Материал верха",
                        &["текстиль", "натуральная кожа", "искусственная кожа"],
                    ),
                    ("Цвет", COLOURS),
                ],
            },
            Leaf {
                slug: "dresses",
                ru: "Платья",
                en: "Dresses",
                noun: "Платье",
                brands: &["Love Republic", "Zarina", "Concept Club", "Oodji"],
                price: (990, 9_990),
                attrs: &[
                    ("Размер", &["40", "42", "44", "46", "48"]),
                    ("Длина", &["мини", "миди", "макси"]),
                    ("Цвет", COLOURS),
                ],
            },
        ],
    },
    Root {
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
    },
    Root {
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
    },
    Root {
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
    },
];

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
