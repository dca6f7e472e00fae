//! Support requests, who may do what: nobody reads or works a request that is not
//! theirs, whatever their role.

use super::{open, opened, post, texts};
use crate::helpers::{AppError, TestApp};
use crate::orders::staff;
use app::staff::Role;

#[tokio::test]
async fn nobody_reads_or_works_a_request_that_is_not_theirs() {
    let app = TestApp::spawn_with(0).await;
    let seller = staff(&app, "+79161160331", Role::SellerStaff, 1).await;
    let agent = staff(&app, "+79161160332", Role::Support, 0).await;
    app.sign_in("+79161160333").await;
    let stranger = app.new_browser();
    stranger.sign_in("+79161160334").await;
    let guest = app.new_browser();
    let id = opened(&app, "account", "Не приходит код").await;
    let s = id.to_string();

    // The shopper's own functions: the shopper only ("not found" to anyone else,
    // agents included: they work it from the console).
    for (name, who, owner) in [
        ("shopper", &*app, true),
        ("another shopper", &stranger, false),
        ("a seller's staff", &seller, false),
        ("an agent", &agent, false),
    ] {
        let r = who.get(&format!("/api/support/request?id={s}")).await;
        assert_eq!(r.status(), if owner { 200 } else { 404 }, "{name} reads");
        let r = post(who, "support/write", id, &[("text", "Ну что?")]).await;
        assert_eq!(r.status(), if owner { 200 } else { 404 }, "{name} writes");
        let r = post(who, "support/rate", id, &[("rating", "1")]).await;
        assert_eq!(
            r.status(),
            if owner { 400 } else { 404 },
            "{name} rates (not closed yet)"
        );
        let r = who.get("/api/support/requests").await;
        assert_eq!(r.status(), 200);
        let mine = r.json::<serde_json::Value>().await.unwrap()["requests"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(mine, usize::from(owner), "{name}'s list");
    }
    // The console's functions: agents only.
    for (name, who, works) in [
        ("shopper", &*app, false),
        ("another shopper", &stranger, false),
        ("a seller's staff", &seller, false),
        ("an agent", &agent, true),
    ] {
        let ok = |works: bool| if works { 200 } else { 403 };
        assert_eq!(
            who.get("/api/support/queue").await.status(),
            ok(works),
            "{name} queue"
        );
        let r = who.get(&format!("/api/support/desk?id={s}")).await;
        assert_eq!(r.status(), ok(works), "{name} desk");
        assert_eq!(
            post(who, "support/take", id, &[]).await.status(),
            ok(works),
            "{name} takes"
        );
        let r = post(
            who,
            "support/answer",
            id,
            &[("text", "Ответ"), ("note", "1")],
        )
        .await;
        assert_eq!(r.status(), ok(works), "{name} notes");
        let r = post(who, "support/status", id, &[("status", "waiting")]).await;
        assert_eq!(r.status(), ok(works), "{name} sets the status");
    }
    // The shopper never saw the notes that were written.
    let v = app.api_json(&format!("support/request?id={s}")).await;
    assert!(texts(&v).iter().all(|(a, _)| a != "note"));
    // A guest: nothing to read, nothing to do.
    for q in [
        "support/requests",
        "support/queue",
        &format!("support/request?id={s}"),
        &format!("support/desk?id={s}"),
    ] {
        assert_eq!(guest.api_json(q).await, serde_json::Value::Null, "{q}");
    }
    for (endpoint, extra) in [
        ("support/write", &[("text", "x")][..]),
        ("support/close", &[][..]),
        ("support/rate", &[("rating", "5")][..]),
        ("support/answer", &[("text", "x")][..]),
        ("support/take", &[][..]),
        ("support/status", &[("status", "closed")][..]),
    ] {
        assert_eq!(
            post(&guest, endpoint, id, extra).await.status(),
            401,
            "{endpoint}"
        );
    }
    assert_eq!(open(&guest, "other", "", "x").await.status(), 401);
    // The shopper closes their own request; no one else can.
    assert_eq!(
        post(&stranger, "support/close", id, &[]).await.status(),
        404
    );
    assert_eq!(post(&app, "support/close", id, &[]).await.status(), 200);
    let _ = AppError::NotFound;
}
