//! One order: its pickup code, postings with their items and timelines, the sums,
//! how it was paid, and cancelling all or a line of it before packing.

use crate::i18n::{Lang, fill, use_lang};
use crate::orders::api::{CancelOrder, ExtendStorage, PayOrder, get_order};
use crate::orders::i18n::{error_text, status_of};
use crate::orders::model::{OrderView, PayMethod, PostingStatus, PostingView, grouped_code};
use crate::orders::pages::barcode::barcode;
use crate::shared::money::Money;
use crate::shared::time::{date_of, date_ru, local_datetime};
use crate::ui::forms::action_error;
use crate::ui::{ErrorView, FormError, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn;

#[component]
pub fn OrderPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.orders();
    let params = use_params_map();
    let cancel = ServerAction::<CancelOrder>::new();
    let extend = ServerAction::<ExtendStorage>::new();
    let pay = ServerAction::<PayOrder>::new();
    // Hydrated, the provider's page is reached by the answer (see checkout).
    Effect::new(move |_| {
        if let Some(Ok(url)) = pay.value().get() {
            let _ = window().location().set_href(&url);
        }
    });
    let data = Resource::new(
        move || {
            let id = params.with(|p| p.get("id").unwrap_or_default());
            (id, cancel.version().get(), extend.version().get())
        },
        |(id, _, _)| get_order(id),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                let here = format!("/orders/{}", params.with_untracked(|p| p.get("id").unwrap_or_default()));
                match data.await {
                    Ok(Some(o)) => order(lang, o, Actions { cancel, extend, pay }).into_any(),
                    Ok(None) => require_sign_in(&here).into_any(),
                    Err(e) => view! { <Title text=crate::ui::title_text(format!("{} — Rynok", d.orders_title))/><ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What can be done on the page.
#[derive(Clone, Copy)]
struct Actions {
    cancel: ServerAction<CancelOrder>,
    extend: ServerAction<ExtendStorage>,
    pay: ServerAction<PayOrder>,
}

fn order(lang: Lang, o: OrderView, actions: Actions) -> impl IntoView {
    let d = lang.orders();
    let Actions {
        cancel,
        extend,
        pay,
    } = actions;
    let pay_error = action_error(move || pay.value().get(), PayOrder::PATH);
    let awaiting = o.status() == PostingStatus::AwaitingPayment;
    let pay_form = awaiting.then(|| {
        let id = o.id.to_string();
        let label = fill(d.pay_now, &[&o.total.to_string()]);
        view! {
            <section class="pickup-code" aria-labelledby="pay-title">
                <h2 id="pay-title">{d.st_awaiting_payment}</h2>
                <ActionForm action=pay>
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="button">{label}</button>
                </ActionForm>
                <p class="hint">{d.pay_hint}</p>
                <FormError message=Signal::derive(move || pay_error.get().map(|e| error_text(lang, &e)))/>
            </section>
        }
    });
    let extend_error = action_error(move || extend.value().get(), ExtendStorage::PATH);
    let title = fill(d.order_from, &[&o.number, &local_datetime(o.created_at)]);
    let error = action_error(move || cancel.value().get(), CancelOrder::PATH);
    let open = o.postings.iter().any(|p| !p.status.finished()) && !awaiting;
    let courier = o.courier.is_some();
    let code = (open && !o.pickup_code.is_empty()).then(|| {
        view! {
            <section class="pickup-code" aria-labelledby="code-title">
                <h2 id="code-title">{d.pickup_code}</h2>
                <p class="code" data-testid="pickup-code">{grouped_code(&o.pickup_code)}</p>
                {barcode(&o.pickup_code, d.barcode_label, "pickup-barcode")}
                <p class="hint">{if courier { d.courier_code_hint } else { d.pickup_code_hint }}</p>
            </section>
        }
    });
    let whole = o.wholly_cancellable().then(|| {
        let id = o.id.to_string();
        view! {
            <ActionForm action=cancel attr:class="cancel-order">
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button-secondary">{d.cancel_order}</button>
            </ActionForm>
        }
    });
    let standing = o
        .postings
        .iter()
        .flat_map(|p| p.items.iter())
        .filter(|i| !i.cancelled)
        .count();
    let postings = o
        .postings
        .clone()
        .into_iter()
        .map(|p| posting(lang, o.id, p, standing > 1, courier, actions))
        .collect_view();
    let sums = sums(lang, &o);
    let receipts = receipts(lang, &o.receipts);
    let cancellable = o.cancellable();
    view! {
        <Title text=crate::ui::title_text(format!("{title} — Rynok"))/>
        <h1>{title.clone()}</h1>
        <p><a href="/account/orders">{d.all_orders}</a></p>
        <div class="order">
            <div class="order-main">
                {pay_form}
                {code}
                {postings}
                <crate::orders::reviews::pages::ToReviewSection order=o.id/>
                <crate::orders::returns::pages::ReturnsSection order=o.id/>
            </div>
            <aside class="order-summary" aria-labelledby="summary-title">
                <h2 id="summary-title">{d.delivery_title}</h2>
                <dl>
                    {match o.courier.clone() {
                        Some(c) => view! {
                            <div><dt>{d.courier_address}</dt><dd data-testid="order-address">{c.address}</dd></div>
                            <div><dt>{d.courier_when}</dt><dd data-testid="order-when">{c.when}</dd></div>
                        }.into_any(),
                        None => view! { <div><dt>{d.pickup_point}</dt><dd>{o.pickup_point.clone()}</dd></div> }.into_any(),
                    }}
                    <div><dt>{d.recipient}</dt><dd>{o.recipient}</dd></div>
                </dl>
                <h2>{d.payment_title}</h2>
                {sums}
                {receipts}
                {cancellable.then(|| view! { <p class="hint">{d.cancel_hint}</p> })}
                {whole}
                <FormError message=Signal::derive(move || error.get().map(|e| error_text(lang, &e)))/>
                <FormError message=Signal::derive(move || extend_error.get().map(|e| error_text(lang, &e)))/>
            </aside>
        </div>
    }
}

fn sums(lang: Lang, o: &OrderView) -> impl IntoView + use<> {
    let d = lang.orders();
    let units: i64 = o
        .postings
        .iter()
        .flat_map(|p| p.items.iter())
        .map(|i| i.quantity)
        .sum();
    let delivery = if o.delivery == Money::ZERO {
        d.free.to_string()
    } else {
        o.delivery.to_string()
    };
    let how = match o.pay {
        PayMethod::Wallet => d.pay_wallet,
        PayMethod::Card => d.pay_card,
        PayMethod::OnReceipt => d.pay_on_receipt,
    };
    let promo_off = Money::from_kopecks(o.discount.kopecks() - o.first_order_discount.kopecks());
    let row = |label: String, value: String, id: &'static str| {
        view! { <div><dt>{label}</dt><dd data-testid=id>{value}</dd></div> }
    };
    view! {
        <dl class="order-sums">
            {row(fill(d.goods, &[&units.to_string()]), o.goods.to_string(), "order-goods")}
            {(promo_off > Money::ZERO).then(|| {
                let label = match &o.promo_code {
                    Some(code) => format!("{} ({code})", d.discount),
                    None => d.discount.to_string(),
                };
                row(label, format!("−{promo_off}"), "order-discount")
            })}
            {(o.first_order_discount > Money::ZERO).then(|| {
                row(d.first_order_discount.to_string(), format!("−{}", o.first_order_discount), "order-first-discount")
            })}
            {row(d.delivery_price.to_string(), delivery, "order-delivery")}
            {row(d.total.to_string(), Money::from_kopecks(o.total.kopecks() - o.discount.kopecks()).to_string(), "order-total")}
            {row(d.payment_title.to_string(), how.to_string(), "order-pay")}
            {(o.paid > Money::ZERO).then(|| row(d.paid.to_string(), o.paid.to_string(), "order-paid"))}
            {(o.paid_points > Money::ZERO).then(|| row(d.paid_points.to_string(), o.paid_points.to_string(), "order-points"))}
            {(o.refunded_points > Money::ZERO).then(|| row(d.refunded_points.to_string(), o.refunded_points.to_string(), "order-points-back"))}
            {(o.pay == PayMethod::OnReceipt && o.due_on_receipt > Money::ZERO).then(|| row(d.due_on_receipt.to_string(), o.due_on_receipt.to_string(), "order-due"))}
            {(o.refunded > Money::ZERO).then(|| row(d.refunded.to_string(), o.refunded.to_string(), "order-refunded"))}
        </dl>
    }
}

fn posting(
    lang: Lang,
    order: i64,
    p: PostingView,
    items_can_go: bool,
    courier: bool,
    actions: Actions,
) -> impl IntoView {
    let d = lang.orders();
    let cancel = actions.cancel;
    // A courier comes on the day chosen: nothing to keep longer.
    let extend = (p.status == PostingStatus::AtPickupPoint && !courier).then(|| {
        if p.extended {
            view! { <p class="hint">{d.storage_extended}</p> }.into_any()
        } else {
            view! {
                <ActionForm action=actions.extend attr:class="extend-storage">
                    <input type="hidden" name="id" value=order.to_string()/>
                    <input type="hidden" name="posting" value=p.id.to_string()/>
                    <button type="submit" class="button-secondary">{d.extend_storage}</button>
                </ActionForm>
            }
            .into_any()
        }
    });
    let cancellable = p.status.cancellable() && items_can_go;
    let stored = p
        .stored_until
        .filter(|_| p.status == PostingStatus::AtPickupPoint && !courier)
        .map(|at| fill(d.stored_until, &[&date_ru(&date_of(at))]));
    let heading = fill(d.posting, &[&p.number]);
    // A plain form to the chat (no WASM of its own): the dialog with this
    // posting's seller, pinned to the order.
    let write = view! {
        <form method="post" action="/api/chat/start-order" class="write-seller">
            <input type="hidden" name="order" value=order.to_string()/>
            <input type="hidden" name="seller" value=p.seller.to_string()/>
            <button type="submit" class="button-link" aria-label=format!("{}: {heading}", lang.chat().write_seller)>
                {lang.chat().write_seller}
            </button>
        </form>
    };
    view! {
        <section class="posting" aria-label=heading.clone()>
            <h2>{heading.clone()}</h2>
            <p class="posting-status" data-testid="posting-status">{status_of(lang, p.status, courier)} {stored.map(|s| view! { " · " <span>{s}</span> })}</p>
            {extend}
            {write}
            <ul class="posting-items">
                {p.items.into_iter().map(|i| {
                    let label = fill(d.cancel_item, &[&i.title]);
                    let href = crate::catalog::product_path(i.product, &i.title);
                    let can = cancellable && !i.cancelled;
                    view! {
                        <li class:cancelled=i.cancelled>
                            <a href=href>{i.title.clone()}</a>
                            <span>{fill(d.pieces, &[&i.quantity.to_string()])} " × " {i.price.to_string()}</span>
                            {i.cancelled.then(|| view! { <span class="badge-muted">{d.item_cancelled}</span> })}
                            {can.then(|| view! {
                                <ActionForm action=cancel attr:class="cancel-item">
                                    <input type="hidden" name="id" value=order.to_string()/>
                                    <input type="hidden" name="item" value=i.id.to_string()/>
                                    <button type="submit" class="button-link" aria-label=label>{d.cancel_short}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3>{d.history}</h3>
            <ol class="timeline" aria-label=format!("{} — {}", d.history, heading)>
                {p.timeline.into_iter().map(|(s, at)| view! {
                    <li><span>{status_of(lang, s, courier)}</span> " " <time class="hint">{local_datetime(at)}</time></li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// Every payment and refund of the order, each with its receipt's number.
fn receipts(lang: Lang, list: &[crate::wallet::Receipt]) -> impl IntoView + use<> {
    use crate::wallet::ReceiptMethod;
    let d = lang.orders();
    (!list.is_empty()).then(|| {
        let items = list
            .iter()
            .map(|r| {
                let what = if r.refund {
                    d.receipt_refund
                } else {
                    d.receipt_payment
                };
                let how = match r.method {
                    ReceiptMethod::Wallet => d.pay_wallet,
                    ReceiptMethod::Card => d.pay_card,
                    ReceiptMethod::Points => d.method_points,
                    ReceiptMethod::AtPickupPoint => d.method_at_point,
                };
                let sign = if r.refund { "−" } else { "" };
                view! {
                    <li>
                        <span>{fill(d.receipt_no, &[&r.number.to_string()])}</span>
                        " · " <span>{what} ", " {how}</span>
                        " · " <strong>{format!("{sign}{}", r.amount)}</strong>
                        " · " <time class="hint">{local_datetime(r.at)}</time>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h2>{d.receipts_title}</h2>
            <ul class="receipts" aria-label=d.receipts_title data-testid="receipts">{items}</ul>
        }
    })
}
