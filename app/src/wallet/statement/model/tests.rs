use super::*;

fn t(id: i64, kind: TransferKind, debit: i64, credit: i64, amount: i64, phase: Phase) -> Transfer {
    Transfer {
        id,
        kind,
        key: format!("k{id}"),
        debit,
        credit,
        amount: Money::from_kopecks(amount),
        reference: format!("r{id}"),
        phase,
        pending_id: None,
        expires_at: None,
        created_at: id * 1000,
    }
}

fn resolves(mut r: Transfer, pending: i64) -> Transfer {
    r.pending_id = Some(pending);
    r
}

#[test]
fn running_balances_follow_the_money_and_pending_ones_wait() {
    let w = 7;
    let ts = vec![
        t(
            1,
            TransferKind::CertificateActivation,
            2,
            w,
            150_000,
            Phase::Posted,
        ),
        t(2, TransferKind::Withdrawal, w, 3, 100_000, Phase::Pending),
        t(3, TransferKind::OrderPayment, w, 4, 20_000, Phase::Posted),
        resolves(
            t(4, TransferKind::Withdrawal, w, 3, 100_000, Phase::Post),
            2,
        ),
        t(5, TransferKind::Withdrawal, w, 3, 10_000, Phase::Pending),
        t(6, TransferKind::Withdrawal, w, 3, 5_000, Phase::Pending),
        resolves(t(7, TransferKind::Withdrawal, w, 3, 5_000, Phase::Void), 6),
    ];
    let ops = operations(w, &ts);
    let ids: Vec<i64> = ops.iter().map(|o| o.id).collect();
    // Newest movement first: the withdrawal (2) moved at 4, after the payment (3).
    assert_eq!(ids, vec![6, 5, 2, 3, 1]);
    let by = |id| {
        ops.iter()
            .find(|o| o.id == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(by(1).balance_after, Some(Money::from_kopecks(150_000)));
    assert_eq!(by(3).balance_after, Some(Money::from_kopecks(130_000)));
    assert_eq!(by(2).balance_after, Some(Money::from_kopecks(30_000)));
    assert_eq!(by(2).amount, Money::from_kopecks(-100_000));
    assert_eq!(by(2).status, OpStatus::Done);
    assert_eq!(by(5).status, OpStatus::Pending);
    assert_eq!(by(5).balance_after, None);
    assert_eq!(by(6).status, OpStatus::Cancelled);
    assert_eq!(by(1).kind, OpKind::Certificate);
    assert_eq!(
        totals(&ops),
        (Money::from_kopecks(150_000), Money::from_kopecks(120_000))
    );
}

#[test]
fn filters_read_kinds_and_periods() {
    let f = Filter::parse("certificate", "2026-11-01", "2026-11-30").unwrap_or_default();
    assert_eq!(f.kind, Some(OpKind::Certificate));
    assert_eq!(Filter::parse("", "", ""), Ok(Filter::default()));
    assert_eq!(
        Filter::parse("bitcoin", "", ""),
        Err((Field::Request, Problem::Unknown))
    );
    assert_eq!(
        Filter::parse("", "2026-13-01", ""),
        Err((Field::Period, Problem::NotADate))
    );
    assert_eq!(
        Filter::parse("", "2026-11-30", "2026-11-01"),
        Err((Field::Period, Problem::OutOfRange))
    );
    let op = Operation {
        id: 1,
        // 2026-11-22 00:00 UTC is 03:00 of the 22nd in Moscow.
        at: 1_795_305_600_000,
        kind: OpKind::Certificate,
        amount: Money::from_roubles(5),
        status: OpStatus::Done,
        balance_after: None,
        reference: String::new(),
    };
    assert!(f.keeps(&op));
    let later = Filter::parse("", "2026-11-23", "").unwrap_or_default();
    assert!(!later.keeps(&op));
    assert_eq!(f.query(), "kind=certificate&from=2026-11-01&to=2026-11-30");
}

#[test]
fn csv_fields_are_safe_for_spreadsheets() {
    assert_eq!(csv_amount(Money::from_kopecks(-150_005)), "-1500,05");
    assert_eq!(csv_amount(Money::from_kopecks(7)), "0,07");
    assert_eq!(csv_text("plain"), "plain");
    assert_eq!(csv_text("a;b"), "\"a;b\"");
    assert_eq!(csv_text("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_text("=HYPERLINK(1)"), "'=HYPERLINK(1)");
}
