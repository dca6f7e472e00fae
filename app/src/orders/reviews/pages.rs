//! Writing a review: the order page's list of received lines to review (or whose
//! review to change), and one line's form (`/orders/:id/review/:item`), the
//! browser's own multipart form, so it works the same with and without JavaScript.
//! A line reviewed already shows its review's state and a form to change or delete it.

use crate::catalog::{OwnReview, ReviewStatus};
use crate::i18n::{Lang, fill, use_lang};
use crate::orders::reviews::api::{
    CreateReview, DeleteReview, EditReview, get_review_form, get_to_review,
};
use crate::orders::reviews::model::ReviewForm;
use crate::ui::forms::error_from_url;
use crate::ui::{FormError, require_sign_in};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn;

/// What the order page offers to review: one link per received line.
#[component]
pub fn ToReviewSection(order: i64) -> impl IntoView {
    let lang = use_lang();
    let d = lang.write_review();
    let data = Resource::new(move || order.to_string(), get_to_review);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let lines = data.await.ok().flatten().unwrap_or_default();
                (!lines.is_empty()).then(|| {
                    let links = lines
                        .into_iter()
                        .map(|l| {
                            let label = fill(if l.reviewed { d.edit_link } else { d.link }, &[&l.title]);
                            view! { <li><a href=format!("/orders/{order}/review/{}", l.item)>{label}</a></li> }
                        })
                        .collect_view();
                    view! {
                        <section class="to-review" aria-labelledby="to-review-title">
                            <h2 id="to-review-title">{d.section}</h2>
                            <ul>{links}</ul>
                        </section>
                    }
                })
            })}
        </Suspense>
    }
}

/// The review form of one line.
#[component]
pub fn WriteReviewPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.write_review();
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("id").unwrap_or_default(),
                p.get("item").unwrap_or_default(),
            )
        })
    };
    let data = Resource::new(key, |(o, i)| get_review_form(o, i));
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.title))/>
        <h1>{d.title}</h1>
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                let (o, i) = params.with_untracked(|p| (p.get("id").unwrap_or_default(), p.get("item").unwrap_or_default()));
                match data.await {
                    Ok(Some(f)) if f.existing.is_some() => change_form(lang, f).into_any(),
                    Ok(Some(f)) => form(lang, f).into_any(),
                    Ok(None) => require_sign_in(&format!("/orders/{o}/review/{i}")).into_any(),
                    Err(e) => view! { <p role="alert" class="form-error">{error_text(lang, &e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn form(lang: Lang, f: ReviewForm) -> impl IntoView {
    let d = lang.write_review();
    let error = error_from_url(CreateReview::PATH);
    let stars = (1..=5)
        .rev()
        .map(|s| {
            view! {
                <label class="radio">
                    <input type="radio" name="rating" value=s.to_string() required/>
                    {fill(d.stars, &[&s.to_string()])}
                </label>
            }
        })
        .collect_view();
    view! {
        <p><a href=format!("/orders/{}", f.order)>{fill(d.back, &[&f.number])}</a></p>
        <p class="lead" data-testid="review-product">{f.line.title.clone()}</p>
        <form method="post" action=CreateReview::url() enctype="multipart/form-data" class="review-form">
            <input type="hidden" name="order" value=f.order.to_string()/>
            <input type="hidden" name="item" value=f.line.item.to_string()/>
            <fieldset>
                <legend>{d.rating}</legend>
                {stars}
            </fieldset>
            <label for="review-text">{d.text}</label>
            <textarea id="review-text" name="text" rows="5" maxlength="2000"></textarea>
            <label for="review-photos">{d.photos}</label>
            <input id="review-photos" name="photo" type="file" multiple accept="image/jpeg,image/png,image/webp" aria-describedby="review-photos-hint"/>
            <p class="hint" id="review-photos-hint">{d.photos_hint}</p>
            <FormError message=Signal::derive(move || error.clone().map(|e| error_text(lang, &e)))/>
            <button type="submit" class="button">{d.submit}</button>
        </form>
    }
}

/// The form of a line reviewed already: where its review stands, the stars and
/// text to change (its photos stay), and a button to delete it.
fn change_form(lang: Lang, f: ReviewForm) -> impl IntoView {
    let d = lang.write_review();
    let Some(OwnReview {
        rating,
        body,
        status,
        reason,
        edited,
    }) = f.existing.clone()
    else {
        return ().into_any();
    };
    let error = error_from_url(EditReview::PATH).or_else(|| error_from_url(DeleteReview::PATH));
    let saved = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("saved").is_some());
    let state = match status {
        ReviewStatus::Published => d.published.to_string(),
        ReviewStatus::Held => d.held.to_string(),
        ReviewStatus::Rejected => fill(d.rejected, &[&reason]),
    };
    let stars = (1..=5)
        .rev()
        .map(|s| {
            view! {
                <label class="radio">
                    <input type="radio" name="rating" value=s.to_string() checked=s == rating required/>
                    {fill(d.stars, &[&s.to_string()])}
                </label>
            }
        })
        .collect_view();
    let (order, item) = (f.order.to_string(), f.line.item.to_string());
    view! {
        <p><a href=format!("/orders/{}", f.order)>{fill(d.back, &[&f.number])}</a></p>
        <p class="lead" data-testid="review-product">{f.line.title.clone()}</p>
        <p role="status" data-testid="review-state">
            {saved.then_some(d.saved)} " " {state} " " {edited.then_some(d.edited)}
        </p>
        <form method="post" action=EditReview::url() class="review-form">
            <input type="hidden" name="order" value=order.clone()/>
            <input type="hidden" name="item" value=item.clone()/>
            <fieldset>
                <legend>{d.rating}</legend>
                {stars}
            </fieldset>
            <label for="review-text">{d.text}</label>
            <textarea id="review-text" name="text" rows="5" maxlength="2000">{body}</textarea>
            <FormError message=Signal::derive(move || error.clone().map(|e| error_text(lang, &e)))/>
            <button type="submit" class="button">{d.save}</button>
        </form>
        <form method="post" action=DeleteReview::url() class="review-delete">
            <input type="hidden" name="order" value=order/>
            <input type="hidden" name="item" value=item/>
            <button type="submit" class="button-link">{d.delete}</button>
        </form>
    }
    .into_any()
}

/// The message for a refused review.
pub fn error_text(lang: Lang, e: &crate::shared::error::AppError) -> String {
    use crate::shared::error::{AppError, Field, Problem};
    let d = lang.write_review();
    match e {
        AppError::Invalid { field, message } => match (field, message) {
            (Field::Rating, _) => d.err_rating.to_string(),
            (Field::Selected, Problem::AlreadyUsed) => d.err_twice.to_string(),
            (Field::Selected, Problem::Refused) => d.err_changed.to_string(),
            (Field::Comment, Problem::TooLong) => d.err_long.to_string(),
            (Field::Comment, _) => d.err_chars.to_string(),
            (Field::Photo, Problem::TooLarge) => d.err_photo_size.to_string(),
            (Field::Photo, Problem::TooMany) => d.err_photo_many.to_string(),
            (Field::Photo, _) => d.err_photo_type.to_string(),
            _ => crate::orders::i18n::error_text(lang, e),
        },
        AppError::NotFound => d.err_not_received.to_string(),
        _ => crate::orders::i18n::error_text(lang, e),
    }
}
