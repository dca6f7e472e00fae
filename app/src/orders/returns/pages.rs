//! Returns' pages: the return form (`/orders/:id/return`), the returns section of
//! the order's page, and the return form of the pickup point's screen. The forms
//! are the browser's own (the return form posts its photos as multipart), so they
//! work the same with and without JavaScript.

use crate::i18n::{Lang, fill, use_lang};
use crate::orders::model::grouped_code;
use crate::orders::pages::barcode::barcode;
use crate::orders::returns::api::{
    AcceptReturn, CancelReturn, CreateReturn, OrderReturns, find_return, get_order_returns,
    get_return_form,
};
use crate::orders::returns::i18n::{error_text, point_error_text, reason_text, status_text};
use crate::orders::returns::model::{
    MAX_COMMENT, ReturnAtPoint, ReturnForm, ReturnReason, ReturnStatus, ReturnView,
};
use crate::shared::time::{date_of, date_ru, local_datetime};
use crate::ui::forms::error_from_url;
use crate::ui::{ErrorView, FormError, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

/// The return form of one order.
#[component]
pub fn ReturnPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.returns();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, get_return_form);
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.title))/>
        <h1>{d.title}</h1>
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                let here = format!("/orders/{}/return", params.with_untracked(|p| p.get("id").unwrap_or_default()));
                match data.await {
                    Ok(Some(f)) => form(lang, f).into_any(),
                    Ok(None) => require_sign_in(&here).into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn form(lang: Lang, f: ReturnForm) -> impl IntoView {
    let d = lang.returns();
    let back = view! { <p><a href=format!("/orders/{}", f.order)>{fill(d.order_link, &[&f.number])}</a></p> };
    let kept = (!f.kept.is_empty()).then(|| {
        let items = f
            .kept
            .iter()
            .map(|k| {
                let why = if k.never { d.kept_never } else { d.kept_late };
                view! { <li>{k.title.clone()} <span class="hint">" — " {why}</span></li> }
            })
            .collect_view();
        view! {
            <section aria-labelledby="kept-title">
                <h2 id="kept-title">{d.kept_title}</h2>
                <ul data-testid="return-kept">{items}</ul>
            </section>
        }
    });
    if f.lines.is_empty() {
        return view! { {back} <p data-testid="return-nothing">{d.nothing}</p> {kept} }.into_any();
    }
    let error = error_from_url(CreateReturn::PATH);
    let lines = f
        .lines
        .iter()
        .map(|l| {
            let id = format!("return-item-{}", l.id);
            let until = fill(d.until, &[&date_ru(&date_of(l.until))]);
            let label = format!("{} × {}", l.title, l.quantity);
            view! {
                <li>
                    <input type="checkbox" id=id.clone() name="item" value=l.id.to_string()/>
                    <label for=id>{label}</label>
                    <span class="hint">" " {l.price.to_string()} " · " {until}</span>
                </li>
            }
        })
        .collect_view();
    let reasons = ReturnReason::ALL
        .iter()
        .map(|r| view! { <option value=r.as_str()>{reason_text(lang, *r)}</option> })
        .collect_view();
    let refund = f.card.then(|| {
        view! {
            <fieldset>
                <legend>{d.refund_legend}</legend>
                <label class="radio"><input type="radio" name="refund_to" value="wallet" checked/>{d.refund_wallet}</label>
                <label class="radio"><input type="radio" name="refund_to" value="card"/>{d.refund_card}</label>
            </fieldset>
        }
    });
    view! {
        {back}
        <form method="post" action=CreateReturn::url() enctype="multipart/form-data" class="return-form">
            <input type="hidden" name="order" value=f.order.to_string()/>
            <fieldset>
                <legend>{d.lines_legend}</legend>
                <ul class="return-lines">{lines}</ul>
            </fieldset>
            <label for="return-reason">{d.reason_label}</label>
            <select id="return-reason" name="reason" required>
                <option value="">{d.reason_choose}</option>
                {reasons}
            </select>
            <label for="return-comment">{d.comment_label}</label>
            <textarea id="return-comment" name="comment" rows="3" maxlength=MAX_COMMENT.to_string()></textarea>
            <label for="return-photos">{d.photos_label}</label>
            <input id="return-photos" name="photo" type="file" multiple accept="image/jpeg,image/png,image/webp" aria-describedby="return-photos-hint"/>
            <p class="hint" id="return-photos-hint">{d.photos_hint}</p>
            {refund}
            <p class="hint">{d.how}</p>
            <FormError message=Signal::derive(move || error.clone().map(|e| error_text(lang, &e)))/>
            <button type="submit" class="button">{d.submit}</button>
        </form>
        {kept}
    }
    .into_any()
}

/// The returns section of order `order`'s page: a way to start one, and each
/// return with its code while it waits.
#[component]
pub fn ReturnsSection(order: i64) -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(move || order.to_string(), get_order_returns);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(r)) => section(lang, order, r).into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}

fn section(lang: Lang, order: i64, r: OrderReturns) -> impl IntoView + use<> {
    let d = lang.returns();
    if r.returns.is_empty() && !r.can_return {
        return ().into_any();
    }
    let error = error_from_url(CancelReturn::PATH);
    let start = r.can_return.then(|| {
        view! { <p><a class="button-secondary" href=format!("/orders/{order}/return")>{d.start}</a></p> }
    });
    let items = r.returns.into_iter().map(|x| one(lang, x)).collect_view();
    view! {
        <section class="returns" aria-labelledby="returns-title" data-testid="returns">
            <h2 id="returns-title">{d.section_title}</h2>
            {start}
            <ul class="return-list">{items}</ul>
            <FormError message=Signal::derive(move || error.clone().map(|e| error_text(lang, &e)))/>
        </section>
    }
    .into_any()
}

fn one(lang: Lang, r: ReturnView) -> impl IntoView + use<> {
    let d = lang.returns();
    let title = fill(d.number, &[&r.number]);
    let lines = r
        .lines
        .iter()
        .map(|l| view! { <li>{l.title.clone()} " × " {l.quantity} <span class="hint">" " {l.price.to_string()}</span></li> })
        .collect_view();
    let until = crate::orders::returns::model::drop_off_until(r.created_at);
    let code = r.code.clone().map(|c| {
        view! {
            <p>{d.code} ": " <span class="code" data-testid="return-code">{grouped_code(&c)}</span></p>
            {barcode(&c, d.barcode_label, "return-barcode")}
            <p class="hint" data-testid="return-drop-off">{fill(d.code_hint, &[&date_ru(&date_of(until))])}</p>
        }
    });
    let alt = fill(d.photo_alt, &[&r.number]);
    let photos = (!r.photos.is_empty()).then(|| {
        let imgs = r
            .photos
            .iter()
            .map(|p| {
                view! {
                    <a href=format!("/returns/photo/{p}")>
                        <img src=format!("/returns/photo/{p}/thumb") alt=alt.clone() width="96" height="96" loading="lazy" class="return-photo"/>
                    </a>
                }
            })
            .collect_view();
        view! { <div class="return-photos">{imgs}</div> }
    });
    let refunded = (r.status == ReturnStatus::Refunded).then(|| {
        let money = if r.refund_to == crate::orders::returns::model::RefundTo::Card {
            d.refunded_card
        } else {
            d.refunded_wallet
        };
        let back = (r.points_back.kopecks() > 0)
            .then(|| view! { <p>{fill(d.points_back, &[&(r.points_back.kopecks() / 100).to_string()])}</p> });
        let taken = (r.points_taken.kopecks() > 0)
            .then(|| view! { <p class="hint">{fill(d.points_taken, &[&(r.points_taken.kopecks() / 100).to_string()])}</p> });
        view! { <p data-testid="return-refund">{fill(money, &[&r.refund.to_string()])}</p> {back} {taken} }
    });
    let cancel = (r.status == ReturnStatus::Created).then(|| {
        let label = format!("{}: {}", d.cancel, title);
        view! {
            <form method="post" action=CancelReturn::url() class="return-cancel">
                <input type="hidden" name="id" value=r.id.to_string()/>
                <button type="submit" class="button-link" aria-label=label>{d.cancel}</button>
            </form>
        }
    });
    view! {
        <li class="return" data-testid="return">
            <h3>{title.clone()}</h3>
            <p data-testid="return-status">{status_text(lang, r.status)}</p>
            <p class="hint">{fill(d.created, &[&local_datetime(r.created_at)])} " · " {reason_text(lang, r.reason)}</p>
            <ul>{lines}</ul>
            {photos}
            {code}
            {refunded}
            {cancel}
        </li>
    }
}

/// The pickup point's return form: find a return by its code, see its lines, accept it.
#[component]
pub fn ReturnAtPointSection() -> impl IntoView {
    let lang = use_lang();
    let d = lang.returns();
    let q = use_query_map();
    let code = move || q.with(|q| q.get("return_code").unwrap_or_default());
    let found = Resource::new(code, |c| async move {
        if c.trim().is_empty() {
            None
        } else {
            Some(find_return(c).await)
        }
    });
    let accepted = move || q.with(|q| q.get("returned"));
    let error = error_from_url(AcceptReturn::PATH);
    view! {
        <section class="pickup-find" aria-labelledby="return-point-title">
            <h2 id="return-point-title">{d.point_title}</h2>
            {move || accepted().map(|n| view! { <p role="status" class="form-status" data-testid="return-accepted">{fill(d.point_accepted, &[&n])}</p> })}
            <form method="get" action="/pickup">
                <label for="return-code">{d.point_code_label}</label>
                <input id="return-code" name="return_code" inputmode="numeric" autocomplete="off" maxlength="14" value=code()/>
                <button type="submit" class="button-secondary">{d.point_find}</button>
            </form>
            <FormError message=Signal::derive(move || error.clone().map(|e| point_error_text(lang, &e)))/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match found.await {
                        None => ().into_any(),
                        Some(Ok(r)) => at_point(lang, r, code()).into_any(),
                        Some(Err(e)) => view! { <p role="alert" class="form-error">{point_error_text(lang, &e)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn at_point(lang: Lang, r: ReturnAtPoint, code: String) -> impl IntoView + use<> {
    let d = lang.returns();
    let lines = r
        .lines
        .iter()
        .map(|l| view! { <li>{l.title.clone()} " × " {l.quantity}</li> })
        .collect_view();
    view! {
        <div class="handover" data-testid="return-at-point">
            <h3>{fill(d.point_return, &[&r.number, &r.order_number])}</h3>
            <p>{reason_text(lang, r.reason)}</p>
            <p class="hint">{fill(d.point_photos, &[&r.photos.to_string()])}</p>
            <h4>{d.point_order}</h4>
            <ul class="posting-items" aria-label=d.point_order>{lines}</ul>
            <form method="post" action=AcceptReturn::url()>
                <input type="hidden" name="code" value=code/>
                <button type="submit" class="button">{d.point_accept}</button>
            </form>
        </div>
    }
}
