//! The first half of the category tree.

use super::vocab::{COLOURS, COUNTRIES, Leaf, Root};

pub const ELECTRONICS: Root = Root {
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
};

pub const HOME: Root = Root {
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
};

pub const CLOTHES: Root = Root {
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
};
