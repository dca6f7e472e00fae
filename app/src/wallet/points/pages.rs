//! "Баллы": the balance of points and what expires when.

use crate::i18n::{fill, use_lang};
use crate::ui::{ErrorView, require_sign_in};
use crate::wallet::points::api::get_points;
use crate::wallet::points::model::PointsView;
use leptos::prelude::*;
use leptos_meta::Title;

/// The points page.
#[component]
pub fn PointsPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.wallet();
    let data = Resource::new(|| (), |_| get_points());
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.points_title))/>
        <h1>{d.points_title}</h1>
        <div class="account">
            {crate::account::account_nav()}
            <div class="account-main">
                <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(Some(v)) => points(v).into_any(),
                            Ok(None) => require_sign_in("/account/points").into_any(),
                            Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </div>
    }
}

fn points(v: PointsView) -> impl IntoView {
    let d = use_lang().wallet();
    let whole = |m: crate::shared::money::Money| (m.kopecks() / 100).to_string();
    view! {
        <section aria-labelledby="points-balance">
            <h2 id="points-balance">{d.points_balance}</h2>
            <p class="wallet-balance" data-testid="points-balance">{whole(v.balance)}</p>
            <p class="hint">{d.points_rules}</p>
        </section>
        <section aria-labelledby="points-expiry">
            <h2 id="points-expiry">{d.points_expiry_title}</h2>
            {if v.by_expiry.is_empty() {
                view! { <p class="hint">{d.points_none}</p> }.into_any()
            } else {
                view! {
                    <table class="wallet-history">
                        <thead><tr>
                            <th scope="col">{d.points_col_until}</th>
                            <th scope="col" class="num">{d.points_col_amount}</th>
                        </tr></thead>
                        <tbody>
                            {v.by_expiry.iter().map(|(day, m)| view! {
                                <tr>
                                    <td>{fill(d.points_until, &[&crate::shared::time::date_ru(day)])}</td>
                                    <td class="num">{whole(*m)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
