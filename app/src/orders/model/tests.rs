//! The model's rules, tested.

use super::*;
use crate::shared::error::{AppError, Field, Problem};
use crate::shared::money::Money;

#[test]
fn lines_parse_sorted_once_each_with_a_reason_for_each_bad_one() {
    let l = Line::parse_list("7:2:129900, 3:1:5000").unwrap();
    assert_eq!(l.iter().map(|l| l.product).collect::<Vec<_>>(), [3, 7]);
    assert_eq!(Line::canonical(&l), "3:1:5000,7:2:129900");
    let problem = |raw: &str| match Line::parse_list(raw) {
        Err(AppError::Invalid { field, message }) => (field, message),
        other => panic!("{raw}: {other:?}"),
    };
    assert_eq!(problem(""), (Field::Selected, Problem::Empty));
    assert_eq!(problem("3:0:5000"), (Field::Quantity, Problem::OutOfRange));
    assert_eq!(
        problem("3:1000:5000"),
        (Field::Quantity, Problem::OutOfRange)
    );
    assert_eq!(
        problem("3:x:5000"),
        (Field::Quantity, Problem::NotAWholeNumber)
    );
    assert_eq!(
        problem("3:1:5000,3:2:5000"),
        (Field::Product, Problem::Malformed)
    );
    assert_eq!(problem("3:1"), (Field::Product, Problem::Malformed));
    assert_eq!(problem("-3:1:5000"), (Field::Product, Problem::Malformed));
    assert_eq!(problem("3:1:0"), (Field::Product, Problem::Malformed));
    let many = (1..=51)
        .map(|i| format!("{i}:1:100"))
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(problem(&many), (Field::Selected, Problem::TooLong));
}

#[test]
fn recipient_names_are_letters() {
    assert_eq!(
        recipient_name("  Иванова   Мария ").unwrap(),
        "Иванова Мария"
    );
    assert_eq!(
        recipient_name("Anne-Marie O'Neil").unwrap(),
        "Anne-Marie O'Neil"
    );
    for (raw, p) in [
        ("", Problem::Empty),
        ("Иван2", Problem::Letters),
        ("<b>", Problem::Letters),
        ("Я", Problem::Length),
    ] {
        assert_eq!(
            recipient_name(raw),
            Err(AppError::invalid(Field::FullName, p)),
            "{raw}"
        );
    }
}

#[test]
fn delivery_is_free_from_the_threshold() {
    let (p, free) = (Money::from_kopecks(9_900), Money::from_kopecks(100_000));
    assert_eq!(delivery_price(Money::from_kopecks(99_999), p, free), p);
    assert_eq!(
        delivery_price(Money::from_kopecks(100_000), p, free),
        Money::ZERO
    );
}

#[test]
fn statuses_round_trip() {
    for s in PostingStatus::ALL {
        assert_eq!(PostingStatus::parse(s.as_str()), Some(s));
    }
    assert_eq!(order_number(42), "00000042");
    assert!(PostingStatus::AwaitingPackaging.cancellable());
    assert!(!PostingStatus::InTransit.cancellable());
    assert!(PostingStatus::NotCollected.finished());
    assert_eq!(grouped_code("12345678"), "123 456 78");
}

#[test]
fn points_match_by_address_or_metro_in_any_case() {
    let p = PickupPoint {
        id: 1,
        city: "Москва".into(),
        address: "ул. Тверская, 7".into(),
        metro: "Охотный Ряд".into(),
        lat_e6: 0,
        lon_e6: 0,
        hours: "10–22".into(),
        storage_days: 7,
        delivery_days: 2,
    };
    assert!(p.matches("тверская"));
    assert!(p.matches("  ОХОТНЫЙ "));
    assert!(p.matches(""));
    assert!(!p.matches("Арбат"));
    let e = PickupPoint {
        address: "ул. Семёновская, 1".into(),
        ..p
    };
    assert!(e.matches("семеновская"));
}

#[test]
fn filters_sort_orders_by_their_postings() {
    use PostingStatus::*;
    assert_eq!(OrderFilter::parse("active"), OrderFilter::Active);
    assert_eq!(OrderFilter::parse("<x>"), OrderFilter::All);
    assert!(OrderFilter::Active.admits(&[Received, InTransit]));
    assert!(!OrderFilter::Active.admits(&[Received, Cancelled]));
    assert!(OrderFilter::Received.admits(&[Received, Cancelled]));
    assert!(OrderFilter::Cancelled.admits(&[Cancelled, NotCollected]));
    assert!(!OrderFilter::Cancelled.admits(&[Cancelled, Received]));
}

#[test]
fn pickup_codes_and_handed_lines_parse_with_a_reason() {
    assert_eq!(parse_pickup_code("373 824-56").unwrap(), "37382456");
    for bad in ["", "3738245", "373824567", "3738245x"] {
        assert_eq!(
            parse_pickup_code(bad),
            Err(AppError::invalid(Field::Code, Problem::Malformed)),
            "{bad}"
        );
    }
    assert_eq!(parse_items(" 7, 3,7 ").unwrap(), [3, 7]);
    assert_eq!(parse_items("").unwrap(), Vec::<i64>::new());
    assert_eq!(
        parse_items("3,-1"),
        Err(AppError::invalid(Field::Selected, Problem::Malformed))
    );
}

#[test]
fn on_receipt_the_delivery_is_taken_at_the_first_hand_over_and_never_more_than_due() {
    let m = Money::from_kopecks;
    assert_eq!(take_now(m(50_000), m(9_900), true, m(79_800)), m(59_900));
    assert_eq!(take_now(m(19_900), m(9_900), false, m(19_900)), m(19_900));
    assert_eq!(take_now(m(50_000), m(9_900), true, m(30_000)), m(30_000));
    assert_eq!(take_now(m(0), m(9_900), false, m(0)), m(0));
}

#[test]
fn points_to_spend_are_whole_points_in_kopecks() {
    assert_eq!(parse_points("").unwrap(), Money::ZERO);
    assert_eq!(parse_points("0").unwrap(), Money::ZERO);
    assert_eq!(parse_points("12300").unwrap(), Money::from_kopecks(12_300));
    for bad in ["12350", "-100", "x"] {
        assert_eq!(
            parse_points(bad),
            Err(AppError::invalid(Field::Points, Problem::Malformed)),
            "{bad}"
        );
    }
}

fn promo() -> Promo {
    Promo {
        id: 1,
        code: "RYNOK10".into(),
        percent: Some(10),
        fixed: None,
        min_goods: 100_000,
        valid_from: 1_000,
        valid_until: Some(2_000),
        per_account: 1,
        total_limit: Some(5),
        used: 0,
        category_id: None,
        seller_id: None,
    }
}

#[test]
fn promo_codes_apply_by_their_rules_and_say_why_not() {
    let line = |category, seller, goods| PromoLine {
        category,
        root_category: 100 + category,
        seller,
        goods,
    };
    let lines = [line(1, 7, 80_000), line(2, 8, 40_000)];
    let p = promo();
    assert_eq!(
        promo_discount(&p, &lines, 1_500, 0),
        Ok(Money::from_kopecks(12_000))
    );
    assert_eq!(promo_discount(&p, &lines, 999, 0), Err(Problem::Expired));
    assert_eq!(promo_discount(&p, &lines, 2_000, 0), Err(Problem::Expired));
    assert_eq!(
        promo_discount(&p, &lines, 1_500, 1),
        Err(Problem::AlreadyUsed)
    );
    let used_up = Promo { used: 5, ..promo() };
    assert_eq!(
        promo_discount(&used_up, &lines, 1_500, 0),
        Err(Problem::Refused)
    );
    // A category's (by itself or by its root) or a seller's goods only.
    let shoes = Promo {
        category_id: Some(102),
        min_goods: 0,
        ..promo()
    };
    assert_eq!(
        promo_discount(&shoes, &lines, 1_500, 0),
        Ok(Money::from_kopecks(4_000))
    );
    let seller = Promo {
        seller_id: Some(9),
        ..promo()
    };
    assert_eq!(
        promo_discount(&seller, &lines, 1_500, 0),
        Err(Problem::Rejected)
    );
    let seller7 = Promo {
        seller_id: Some(7),
        ..promo()
    };
    assert_eq!(
        promo_discount(&seller7, &lines, 1_500, 0),
        Err(Problem::BelowMinimum)
    );
    // A fixed sum never takes more than the goods cost.
    let fixed = Promo {
        percent: None,
        fixed: Some(500_000),
        min_goods: 0,
        ..promo()
    };
    assert_eq!(
        promo_discount(&fixed, &lines, 1_500, 0),
        Ok(Money::from_kopecks(120_000))
    );
    assert_eq!(
        parse_promo_code(" rynok10 ").unwrap().as_deref(),
        Some("RYNOK10")
    );
    assert_eq!(parse_promo_code("").unwrap(), None);
    assert_eq!(
        parse_promo_code("<b>"),
        Err(AppError::invalid(Field::Promo, Problem::Malformed))
    );
}
