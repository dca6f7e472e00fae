//! The pickup point's screen: the operator types the shopper's code, sees whom the
//! order is for and what waits, marks lines the shopper refuses, and hands the rest
//! over, confirming the payment on receipt. Without JavaScript it is plain forms.

use crate::i18n::{Lang, fill, use_lang};
use crate::orders::api::{HandOver, RefuseAtPickup, find_for_pickup};
use crate::orders::i18n::pickup_error_text;
use crate::orders::model::Handover;
use crate::shared::money::Money;
use crate::ui::forms::action_error;
use crate::ui::{FormError, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn PickupPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.orders();
    let q = use_query_map();
    let refuse = ServerAction::<RefuseAtPickup>::new();
    let hand = ServerAction::<HandOver>::new();
    let me = Resource::new(|| (), |_| crate::account::get_me());
    let found = Resource::new(
        move || (q.with(|q| q.get("code")), refuse.version().get()),
        |(code, _)| async move {
            match code {
                Some(c) if !c.trim().is_empty() => Some(find_for_pickup(c).await),
                _ => None,
            }
        },
    );
    let code = move || q.with(|q| q.get("code").unwrap_or_default());
    let done = move || q.with(|q| q.get("done"));
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.pickup_title))/>
        <h1>{d.pickup_title}</h1>
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                if !matches!(me.await, Ok(Some(_))) {
                    return require_sign_in("/pickup").into_any();
                }
                let result = found.await;
                view! {
                    {done().map(|n| view! { <p role="status" class="form-status" data-testid="handed-over">{fill(d.handed_over, &[&n])}</p> })}
                    <section class="pickup-find">
                        <Form method="GET" action="/pickup">
                            <label for="pickup-code">{d.pickup_code_label}</label>
                            <input id="pickup-code" name="code" inputmode="numeric" autocomplete="off" maxlength="12" value=code()/>
                            <button type="submit" class="button">{d.find_order}</button>
                        </Form>
                    </section>
                    {match result {
                        None => ().into_any(),
                        Some(Ok(h)) => handover(lang, h, code(), refuse, hand).into_any(),
                        Some(Err(e)) => view! { <p role="alert" class="form-error">{pickup_error_text(lang, &e)}</p> }.into_any(),
                    }}
                    <crate::orders::returns::pages::ReturnAtPointSection/>
                }
                .into_any()
            })}
        </Suspense>
    }
}

fn handover(
    lang: Lang,
    h: Handover,
    code: String,
    refuse: ServerAction<RefuseAtPickup>,
    hand: ServerAction<HandOver>,
) -> impl IntoView {
    let d = lang.orders();
    let refuse_error = action_error(move || refuse.value().get(), RefuseAtPickup::PATH);
    let hand_error = action_error(move || hand.value().get(), HandOver::PATH);
    let title = fill(d.order_no, &[&h.number]);
    let due = (h.due > Money::ZERO).then(|| {
        view! {
            <p class="handover-due">{fill(d.handover_due, &[&h.due.to_string()])}</p>
            <label class="radio"><input type="checkbox" name="paid" value="on"/>{d.handover_paid}</label>
        }
    });
    let lines = h
        .items
        .into_iter()
        .map(|i| {
            let label = fill(d.refuse_label, &[&i.title]);
            let code = code.clone();
            view! {
                <li>
                    <span>{i.title.clone()}</span>
                    <span class="hint">{fill(d.pieces, &[&i.quantity.to_string()])} " × " {i.price.to_string()}</span>
                    <ActionForm action=refuse attr:class="refuse-item">
                        <input type="hidden" name="code" value=code/>
                        <input type="hidden" name="item" value=i.id.to_string()/>
                        <button type="submit" class="button-link" aria-label=label>{d.refuse}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="handover" aria-labelledby="handover-title">
            <h2 id="handover-title">{title}</h2>
            <p data-testid="handover-recipient">{fill(d.handover_recipient, &[&h.recipient])}</p>
            <h3>{d.handover_items}</h3>
            <ul class="posting-items" aria-label=d.handover_items>{lines}</ul>
            <FormError message=Signal::derive(move || refuse_error.get().map(|e| pickup_error_text(lang, &e)))/>
            <ActionForm action=hand attr:class="hand-over">
                <input type="hidden" name="code" value=code.clone()/>
                {due}
                <button type="submit" class="button">{d.hand_over}</button>
            </ActionForm>
            <FormError message=Signal::derive(move || hand_error.get().map(|e| pickup_error_text(lang, &e)))/>
        </section>
    }
}
