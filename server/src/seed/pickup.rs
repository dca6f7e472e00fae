//! Seeded pickup points: 60 in each of five cities, on real streets, with
//! coordinates scattered around each city's centre (deterministic for a seed).

/// A city: name, centre latitude, longitude, streets, metro stations (none outside
/// the two capitals).
type City = (
    &'static str,
    f64,
    f64,
    &'static [&'static str],
    &'static [&'static str],
);

const CITIES: &[City] = &[
    (
        "Москва",
        55.7558,
        37.6173,
        &[
            "ул. Тверская",
            "Ленинский пр-т",
            "ул. Арбат",
            "Профсоюзная ул.",
            "Варшавское ш.",
            "ул. Маросейка",
            "Кутузовский пр-т",
            "ул. Бутлерова",
            "Дмитровское ш.",
            "ул. Люблинская",
        ],
        &[
            "Тверская",
            "Октябрьская",
            "Арбатская",
            "Профсоюзная",
            "Нагорная",
            "Китай-город",
            "Кутузовская",
            "Калужская",
            "Тимирязевская",
            "Люблино",
        ],
    ),
    (
        "Санкт-Петербург",
        59.9386,
        30.3141,
        &[
            "Невский пр-т",
            "Московский пр-т",
            "ул. Садовая",
            "Лиговский пр-т",
            "пр-т Просвещения",
            "ул. Марата",
        ],
        &[
            "Невский проспект",
            "Московская",
            "Сенная площадь",
            "Лиговский проспект",
            "Проспект Просвещения",
            "Владимирская",
        ],
    ),
    (
        "Казань",
        55.7961,
        49.1064,
        &[
            "ул. Баумана",
            "пр-т Победы",
            "ул. Пушкина",
            "ул. Чистопольская",
        ],
        &[],
    ),
    (
        "Екатеринбург",
        56.8389,
        60.6057,
        &["ул. Ленина", "ул. Малышева", "ул. 8 Марта", "ул. Куйбышева"],
        &[],
    ),
    (
        "Новосибирск",
        55.0084,
        82.9357,
        &["Красный пр-т", "ул. Ленина", "ул. Кирова", "ул. Гоголя"],
        &[],
    ),
];

/// How many points each city gets.
pub const PER_CITY: usize = 60;

pub struct PickupPoint {
    pub city: &'static str,
    pub address: String,
    pub metro: &'static str,
    pub lat_e6: i64,
    pub lon_e6: i64,
    pub hours: &'static str,
    pub storage_days: i64,
    pub delivery_days: i64,
}

/// The points, from `next`, a generator of numbers below its argument.
pub fn points(mut next: impl FnMut(u64) -> u64) -> Vec<PickupPoint> {
    let mut out = Vec::with_capacity(CITIES.len() * PER_CITY);
    for (ci, (city, lat, lon, streets, metro)) in CITIES.iter().enumerate() {
        for i in 0..PER_CITY {
            let street = streets[i % streets.len()];
            // About ±9 km north-south and ±6 km east-west of the centre.
            let dlat = (next(160_001) as f64 - 80_000.0) / 1e6;
            let dlon = (next(200_001) as f64 - 100_000.0) / 1e6;
            out.push(PickupPoint {
                city,
                address: format!("{street}, д. {}", 1 + next(120)),
                metro: if metro.is_empty() {
                    ""
                } else {
                    metro[i % metro.len()]
                },
                lat_e6: ((lat + dlat) * 1e6).round() as i64,
                lon_e6: ((lon + dlon) * 1e6).round() as i64,
                hours: if (i + ci) % 3 == 0 {
                    "ежедневно 10:00–22:00"
                } else {
                    "ежедневно 09:00–21:00"
                },
                storage_days: 7,
                delivery_days: 1 + (next(3) as i64),
            });
        }
    }
    out
}
