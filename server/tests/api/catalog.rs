use crate::helpers::TestApp;
use serde_json::Value;

fn prices(listing: &Value) -> Vec<i64> {
    listing["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["price"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn home_shows_the_category_tree_and_popular_products() {
    let app = TestApp::spawn().await;
    let home = app.api_json("catalog/home").await;
    let cats = home["Ok"]["categories"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| home["categories"].as_array().unwrap().clone());
    assert!(cats.len() >= 5);
    let leaves: usize = cats
        .iter()
        .map(|c| c["children"].as_array().unwrap().len())
        .sum();
    assert!(leaves >= 20, "at least 20 leaf categories, got {leaves}");
    let (status, html) = app.get_html("/").await;
    assert_eq!(status, 200);
    assert!(html.contains("Популярные категории") && html.contains("/category/smartphones"));
}

#[tokio::test]
async fn a_category_filters_by_brand_price_stock_and_rating_and_sorts() {
    let app = TestApp::spawn_with(1500).await;
    let all = app.listing(Some("electronics"), "").await;
    let total = all["total"].as_i64().unwrap();
    assert!(total > 50);
    let brand = &all["facets"]["brands"][0];
    let (brand_id, brand_count) = (
        brand["id"].as_i64().unwrap(),
        brand["count"].as_i64().unwrap(),
    );
    let by_brand = app
        .listing(Some("electronics"), &format!("brand={brand_id}"))
        .await;
    assert_eq!(
        by_brand["total"].as_i64().unwrap(),
        brand_count,
        "facet count matches the filtered total"
    );

    let cheap = app
        .listing(
            Some("electronics"),
            "price_min=1000&price_max=20000&sort=cheap",
        )
        .await;
    let p = prices(&cheap);
    assert!(!p.is_empty());
    assert!(p.iter().all(|k| (100_000..=2_000_000).contains(k)), "{p:?}");
    assert!(p.windows(2).all(|w| w[0] <= w[1]), "cheapest first: {p:?}");
    let dear = prices(&app.listing(Some("electronics"), "sort=dear").await);
    assert!(dear.windows(2).all(|w| w[0] >= w[1]));

    let in_stock = app.listing(Some("electronics"), "in_stock=1").await;
    assert_eq!(in_stock["total"], all["facets"]["in_stock"]);
    assert!(
        in_stock["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["stock"].as_i64().unwrap() > 0)
    );
    let good = app.listing(Some("electronics"), "rating=4").await;
    assert!(
        good["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["rating"]["hundredths"].as_i64().unwrap() >= 400)
    );

    let page2 = app.listing(Some("electronics"), "page=2").await;
    assert_eq!(page2["page"], 2);
    assert_ne!(page2["items"][0]["id"], all["items"][0]["id"]);
}

#[tokio::test]
async fn search_understands_word_forms_and_prefixes() {
    let app = TestApp::spawn_with(1500).await;
    for q in [
        "телефоны",
        "телефон",
        "смартф",
        "Смартфоны",
        "СМАРТФОН xiaomi",
    ] {
        let r = app
            .listing(None, &format!("q={}", app::shared::url::percent_encode(q)))
            .await;
        assert!(r["total"].as_i64().unwrap() > 0, "{q} finds something");
        let first = r["items"][0]["title"].as_str().unwrap().to_lowercase();
        assert!(
            first.contains("смартфон"),
            "{q}: best match first, got {first}"
        );
    }
    let none = app.listing(None, "q=zzzzqqq").await;
    assert_eq!(none["total"], 0);
    let (status, html) = app.get_html("/search?q=zzzzqqq").await;
    assert_eq!(status, 200);
    assert!(html.contains("Ничего не нашлось"));
}

/// A search matches once and counts from that one result: every number it shows
/// must agree with what the same filters give when applied.
#[tokio::test]
async fn search_facets_agree_with_the_results_of_each_filter() {
    let app = TestApp::spawn_with(1500).await;
    let q = "q=%D1%81%D0%BC%D0%B0%D1%80%D1%82%D1%84%D0%BE%D0%BD"; // смартфон
    let all = app.listing(None, q).await;
    let total = all["total"].as_i64().unwrap();
    assert!(total > 24, "enough matches for two pages: {total}");
    let facets = &all["facets"];
    let brands = facets["brands"].as_array().unwrap();
    assert!(brands.len() > 1);
    if brands.len() < 30 {
        let sum: i64 = brands.iter().map(|b| b["count"].as_i64().unwrap()).sum();
        assert_eq!(sum, total, "every match has one brand");
    }
    for b in brands.iter().take(3) {
        let one = app.listing(None, &format!("{q}&brand={}", b["id"])).await;
        assert_eq!(one["total"], b["count"], "brand {}", b["name"]);
        // Choosing a brand keeps the other brands' counts (facets skip their own filter).
        assert_eq!(one["facets"]["brands"], facets["brands"]);
        for item in one["items"].as_array().unwrap() {
            assert_eq!(item["brand"], b["name"]);
        }
    }
    let in_stock = app.listing(None, &format!("{q}&in_stock=1")).await;
    assert_eq!(in_stock["total"], facets["in_stock"]);
    let good = app.listing(None, &format!("{q}&rating=4")).await;
    assert_eq!(good["total"], facets["rating_4_plus"]);
    // Price bounds are those of the matches, and narrowing by them keeps everything.
    let (lo, hi) = (&facets["price_min"], &facets["price_max"]);
    let rub = |v: &serde_json::Value| v.as_i64().unwrap() / 100;
    let bounded = app
        .listing(
            None,
            &format!("{q}&price_min={}&price_max={}", rub(lo), rub(hi) + 1),
        )
        .await;
    assert_eq!(bounded["total"], total);
    // Pages follow the chosen order and do not overlap.
    let cheap1 = app.listing(None, &format!("{q}&sort=cheap")).await;
    let cheap2 = app.listing(None, &format!("{q}&sort=cheap&page=2")).await;
    let prices = |v: &serde_json::Value| -> Vec<i64> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["price"].as_i64().unwrap())
            .collect()
    };
    let mut both = prices(&cheap1);
    both.extend(prices(&cheap2));
    assert!(both.windows(2).all(|w| w[0] <= w[1]), "{both:?}");
    assert_eq!(both[0], lo.as_i64().unwrap());
    let ids = |v: &serde_json::Value| -> Vec<i64> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect()
    };
    assert!(ids(&cheap1).iter().all(|id| !ids(&cheap2).contains(id)));
    // A search inside a category counts only that category's matches.
    let inside = app.listing(Some("smartphones"), q).await;
    assert!(inside["total"].as_i64().unwrap() <= total);
    assert!(inside["total"].as_i64().unwrap() > 0);
}

/// Search reads prices and stock from its own copy on Postgres (`product_search`),
/// kept by triggers: a change to a product must reach the next search at once.
#[tokio::test]
async fn a_new_price_and_stock_reach_search_at_once() {
    let app = TestApp::spawn_with(600).await;
    let q = "q=%D1%81%D0%BC%D0%B0%D1%80%D1%82%D1%84%D0%BE%D0%BD"; // смартфон
    let before = app.listing(None, &format!("{q}&sort=dear")).await;
    let dearest = &before["items"][0];
    let id = dearest["id"].as_i64().unwrap();
    let was_in_stock = dearest["stock"].as_i64().unwrap() > 0;
    sqlx::query("UPDATE products SET price = 1, stock = 0 WHERE id = $1")
        .bind(id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let after = app.listing(None, &format!("{q}&sort=cheap")).await;
    assert_eq!(after["items"][0]["id"].as_i64(), Some(id));
    assert_eq!(after["facets"]["price_min"].as_i64(), Some(1));
    assert_eq!(after["total"], before["total"]);
    let in_stock = |v: &serde_json::Value| v["facets"]["in_stock"].as_i64().unwrap();
    assert_eq!(
        in_stock(&after),
        in_stock(&before) - i64::from(was_in_stock)
    );
    let stocked = app
        .listing(None, &format!("{q}&in_stock=1&sort=cheap"))
        .await;
    let ids: Vec<i64> = stocked["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert!(!ids.contains(&id));
}

#[tokio::test]
async fn suggestions_offer_categories_and_products() {
    let app = TestApp::spawn_with(600).await;
    let s = app
        .api_json("catalog/suggest?q=%D1%81%D0%BC%D0%B0%D1%80%D1%82%D1%84")
        .await;
    let list = s.as_array().unwrap();
    assert!(list.iter().any(|x| x["url"] == "/category/smartphones"));
    assert!(
        list.iter()
            .any(|x| x["url"].as_str().unwrap().starts_with("/product/"))
    );
    assert!(
        app.api_json("catalog/suggest?q=%21%21")
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn garbage_query_parameters_never_fail_the_page() {
    let app = TestApp::spawn().await;
    let long = "я".repeat(10_000);
    let paths = [
        "/category/electronics?page=-5".to_string(),
        "/category/electronics?page=99999999999999".to_string(),
        "/category/electronics?price_min=abc&price_max=%00%FF".to_string(),
        "/category/electronics?sort=%27%3B%20DROP%20TABLE%20products%3B--".to_string(),
        "/category/electronics?brand=%3Cscript%3E&brand=-1&in_stock=yes".to_string(),
        "/search?q=%27%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(),
        "/search?q=%3C%2Ftitle%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(),
        "/search?q=%22*%3A%26%7C!()".to_string(),
        format!("/search?q={}", app::shared::url::percent_encode(&long)),
        "/search?q=&page=".to_string(),
        "/search?%%%=%%%".to_string(),
    ];
    for p in &paths {
        let (status, html) = app.get_html(p).await;
        assert_eq!(status, 200, "{p}");
        assert!(
            !html.contains("<script>alert"),
            "{p}: markup must be escaped"
        );
    }
    let (_, html) = app
        .get_html("/category/electronics?price_min=abc&page=-5")
        .await;
    assert!(html.contains("не распознана") && html.contains("показана первая"));
    let l = app
        .listing(Some("electronics"), "page=-5&price_min=abc")
        .await;
    assert_eq!(l["page"], 1);
    assert_eq!(l["notices"].as_array().unwrap().len(), 2);
    let products = app.one_i64("SELECT COUNT(*) AS n FROM products", &[]).await;
    assert_eq!(products, 300, "nothing was dropped");
}

#[tokio::test]
async fn unknown_products_and_categories_are_404_pages() {
    let app = TestApp::spawn().await;
    for p in [
        "/product/x-999999",
        "/product/abc",
        "/product/%3Cb%3E",
        "/category/nope",
        "/no/such/page",
    ] {
        let (status, html) = app.get_html(p).await;
        assert_eq!(status, 404, "{p}");
        assert!(html.contains("Страница не найдена"), "{p}");
    }
}

#[tokio::test]
async fn a_product_page_shows_everything_a_shopper_needs() {
    let app = TestApp::spawn().await;
    let p = app.api_json("catalog/product?key=x-1").await;
    let title = p["card"]["title"].as_str().unwrap().to_string();
    let url = p["canonical_url"].as_str().unwrap();
    assert!(url.starts_with(&app.address) && url.ends_with("-1"));
    let path = url.trim_start_matches(&app.address);
    let (status, html) = app.get_html(path).await;
    assert_eq!(status, 200);
    for needle in [
        title.as_str(),
        "Характеристики",
        "Описание",
        "Продавец",
        "В корзину",
        "Поделиться",
        "rel=\"canonical\"",
    ] {
        assert!(html.contains(needle), "product page shows {needle}");
    }
    assert!(
        html.contains("\u{202F}₽"),
        "prices use a narrow no-break space"
    );
    let (_, shared) = app.get_html(&format!("{path}?share=1")).await;
    assert!(
        shared.contains(&format!("value=\"{url}\"")),
        "without JavaScript the link is ready to copy"
    );
}
