//! "Заказы": the shopper's orders, newest first, filtered by where they stand.

use crate::i18n::{Lang, fill, use_lang};
use crate::orders::api::get_orders;
use crate::orders::i18n::status_of;
use crate::orders::model::{OrderFilter, OrderList, OrderView};
use crate::shared::time::local_datetime;
use crate::ui::{ErrorView, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The list; `?filter=` picks which orders, `?before=<id>` pages back.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.orders();
    let q = use_query_map();
    let data = Resource::new(
        move || q.with(|q| (q.get("filter"), q.get("before"))),
        |(filter, before)| get_orders(filter, before),
    );
    let current = move || q.with(|q| OrderFilter::parse(&q.get("filter").unwrap_or_default()));
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.orders_title))/>
        <h1>{d.orders_title}</h1>
        <div class="account">
            {crate::account::account_nav()}
            <div class="account-main">
                <nav class="filter-tabs" aria-label=d.filter_label>
                    {OrderFilter::ALL.into_iter().map(|f| {
                        let href = format!("/account/orders?filter={}", f.as_str());
                        let on = move || (current() == f).then_some("page");
                        view! { <a href=href aria-current=on>{filter_text(lang, f)}</a> }
                    }).collect_view()}
                </nav>
                <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(Some(list)) => orders(lang, list, current()).into_any(),
                            Ok(None) => require_sign_in("/account/orders").into_any(),
                            Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </div>
    }
}

fn filter_text(lang: Lang, f: OrderFilter) -> &'static str {
    let d = lang.orders();
    match f {
        OrderFilter::All => d.filter_all,
        OrderFilter::Active => d.filter_active,
        OrderFilter::Received => d.filter_received,
        OrderFilter::Cancelled => d.filter_cancelled,
    }
}

fn orders(lang: Lang, list: OrderList, filter: OrderFilter) -> impl IntoView {
    let d = lang.orders();
    if list.orders.is_empty() {
        return view! {
            <p class="hint">{d.orders_empty}</p>
            <a href="/" class="button">{d.to_shopping}</a>
        }
        .into_any();
    }
    view! {
        <ul class="orders" aria-label=d.orders_title>
            {list.orders.into_iter().map(|o| order_card(lang, o)).collect_view()}
        </ul>
        {list.next.map(|id| view! {
            <a href=format!("/account/orders?filter={}&before={id}", filter.as_str()) class="orders-older">{d.orders_older}</a>
        })}
    }
    .into_any()
}

fn order_card(lang: Lang, o: OrderView) -> impl IntoView {
    let d = lang.orders();
    let title = fill(d.order_from, &[&o.number, &local_datetime(o.created_at)]);
    let titles = o
        .postings
        .iter()
        .flat_map(|p| p.items.iter().map(|i| i.title.clone()))
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <li class="order-card">
            <a href=format!("/orders/{}", o.id)>{title}</a>
            <span class="order-status" data-testid="order-status">{status_of(lang, o.status(), o.courier.is_some())}</span>
            <span class="order-total">{o.total.to_string()}</span>
            <p class="hint">{titles}</p>
        </li>
    }
}
