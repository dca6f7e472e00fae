//! Courier delivery's rules: the way an order is delivered, the address as the
//! courier reads it, and the days and time slots offered, all in Moscow time.

use crate::shared::error::{AppError, AppResult, Field, Problem};
use serde::{Deserialize, Serialize};

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 86_400_000;
/// How many days in a row checkout offers a courier.
pub const COURIER_DAYS: usize = 7;
/// A courier order is kept this long after its slot for a second try at the door,
/// then it goes back with the money, as an uncollected order does.
pub const COURIER_KEEP_DAYS: i64 = 1;

/// How an order reaches the shopper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryKind {
    #[default]
    Pickup,
    Courier,
}

impl DeliveryKind {
    /// As a form or a link says it: "courier", anything else is a pickup point.
    pub fn from_query(s: &str) -> DeliveryKind {
        match s.trim() {
            "courier" => DeliveryKind::Courier,
            _ => DeliveryKind::Pickup,
        }
    }

    pub fn parse(s: &str) -> AppResult<DeliveryKind> {
        match s.trim() {
            "" | "pickup" => Ok(DeliveryKind::Pickup),
            "courier" => Ok(DeliveryKind::Courier),
            _ => Err(AppError::invalid(Field::Delivery, Problem::Unknown)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryKind::Pickup => "pickup",
            DeliveryKind::Courier => "courier",
        }
    }
}

/// A courier's time slot: from and to, whole hours of Moscow time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub from: i64,
    pub to: i64,
}

/// The slots a courier comes in.
pub const SLOTS: [Slot; 3] = [
    Slot { from: 10, to: 14 },
    Slot { from: 14, to: 18 },
    Slot { from: 18, to: 22 },
];

impl Slot {
    /// As the form posts it: "10-14".
    pub fn value(self) -> String {
        format!("{}-{}", self.from, self.to)
    }

    /// As people read it: "10:00–14:00".
    pub fn text(self) -> String {
        format!("{:02}:00–{:02}:00", self.from, self.to)
    }

    pub fn parse(raw: &str) -> AppResult<Slot> {
        SLOTS
            .into_iter()
            .find(|s| s.value() == raw.trim())
            .ok_or(AppError::invalid(Field::Slot, Problem::Unknown))
    }

    /// The slot as a person reads it from its moments: "10:00–14:00".
    pub fn of(from_ms: i64, to_ms: i64) -> Slot {
        let hour = |ms: i64| crate::shared::time::moscow_time(ms).3;
        Slot {
            from: hour(from_ms),
            to: hour(to_ms),
        }
    }
}

/// Moscow midnight on the day of `ms`.
fn midnight(ms: i64) -> i64 {
    let shifted = ms + 3 * HOUR_MS;
    shifted - shifted.rem_euclid(DAY_MS) - 3 * HOUR_MS
}

/// The days a courier can come, as Moscow midnights: `COURIER_DAYS` in a row from
/// the day delivery to the city takes (`delivery_days`), never today.
pub fn courier_days(now: i64, delivery_days: i64) -> Vec<i64> {
    let first = midnight(now) + delivery_days.max(1) * DAY_MS;
    (0..COURIER_DAYS as i64)
        .map(|i| first + i * DAY_MS)
        .collect()
}

/// The moments a courier's visit spans: `date` (YYYY-MM-DD, one of the days
/// offered as of `now`) in `slot`. Another date is refused.
pub fn courier_window(
    now: i64,
    delivery_days: i64,
    date: &str,
    slot: Slot,
) -> AppResult<(i64, i64)> {
    let day = courier_days(now, delivery_days)
        .into_iter()
        .find(|d| crate::shared::time::date_of(*d) == date.trim())
        .ok_or(AppError::invalid(Field::DeliveryDate, Problem::OutOfRange))?;
    Ok((day + slot.from * HOUR_MS, day + slot.to * HOUR_MS))
}

/// The address as the courier reads it: street, house and flat, with an entrance
/// or floor if the shopper adds them. Whitespace is collapsed; 5 to 200
/// characters, no control characters, and a house number (a digit) in it.
pub fn courier_address(raw: &str) -> AppResult<String> {
    let bad = |p| Err(AppError::invalid(Field::Address, p));
    if raw.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return bad(Problem::BadCharacters);
    }
    let address = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if address.is_empty() {
        return bad(Problem::Empty);
    }
    if !(5..=200).contains(&address.chars().count()) {
        return bad(Problem::Length);
    }
    if !address.chars().any(|c| c.is_ascii_digit()) {
        return bad(Problem::Digits);
    }
    Ok(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-12-07 21:30 UTC is 2026-12-08 00:30 in Moscow.
    const LATE: i64 = 1_796_679_000_000;

    #[test]
    fn days_start_from_delivery_in_moscow_time_and_never_today() {
        use crate::shared::time::date_of;
        assert_eq!(date_of(LATE), "2026-12-08");
        let days = courier_days(LATE, 0);
        assert_eq!(days.len(), COURIER_DAYS);
        assert_eq!(date_of(days[0]), "2026-12-09");
        assert_eq!(date_of(days[6]), "2026-12-15");
        assert_eq!(crate::shared::time::moscow_time(days[0]).3, 0);
        assert_eq!(date_of(courier_days(LATE, 2)[0]), "2026-12-10");
    }

    #[test]
    fn a_window_is_one_of_the_days_offered_in_one_of_the_slots() {
        let (from, to) = courier_window(LATE, 1, "2026-12-10", SLOTS[1]).unwrap();
        assert_eq!(
            crate::shared::time::local_datetime(from),
            "10.12.2026 14:00"
        );
        assert_eq!(to - from, 4 * HOUR_MS);
        assert_eq!(Slot::of(from, to), SLOTS[1]);
        for date in ["2026-12-08", "2026-12-16", "10.12.2026", ""] {
            assert_eq!(
                courier_window(LATE, 1, date, SLOTS[0]),
                Err(AppError::invalid(Field::DeliveryDate, Problem::OutOfRange)),
                "{date}"
            );
        }
        assert_eq!(Slot::parse(" 18-22").unwrap(), SLOTS[2]);
        assert_eq!(SLOTS[0].text(), "10:00–14:00");
        for bad in ["9-13", "", "10-14; DROP"] {
            assert_eq!(
                Slot::parse(bad),
                Err(AppError::invalid(Field::Slot, Problem::Unknown))
            );
        }
    }

    #[test]
    fn addresses_need_a_house_number_and_a_sane_length() {
        assert_eq!(
            courier_address("  ул. Тверская,   д. 7,\n кв. 12 ").unwrap(),
            "ул. Тверская, д. 7, кв. 12"
        );
        for (raw, p) in [
            ("", Problem::Empty),
            ("   ", Problem::Empty),
            ("д 7", Problem::Length),
            ("ул. Тверская", Problem::Digits),
            ("ул. Тверская 7\u{0}", Problem::BadCharacters),
        ] {
            assert_eq!(
                courier_address(raw),
                Err(AppError::invalid(Field::Address, p)),
                "{raw:?}"
            );
        }
        assert_eq!(
            courier_address(&format!("дом 1 {}", "а".repeat(200))),
            Err(AppError::invalid(Field::Address, Problem::Length))
        );
    }

    #[test]
    fn the_kind_is_pickup_unless_courier_is_asked_for() {
        assert_eq!(DeliveryKind::parse("").unwrap(), DeliveryKind::Pickup);
        assert_eq!(
            DeliveryKind::parse("courier").unwrap(),
            DeliveryKind::Courier
        );
        assert!(DeliveryKind::parse("drone").is_err());
        assert_eq!(DeliveryKind::from_query("drone"), DeliveryKind::Pickup);
    }
}
