//! The reviews section of a product's page. Its markup is made on the server
//! (`render`) and put in as it comes: the section is the same with and without
//! JavaScript (its sort is plain links), so no code draws it in the browser. And
//! the agents' screen of held reviews.

use crate::catalog::reviews::api::{DecideReview, get_held_reviews, get_reviews_section};
use crate::i18n::{Lang, fill, use_lang};
use crate::shared::error::{AppError, Field, Problem};
use crate::ui::forms::action_error;
use crate::ui::{ErrorView, FormError, require_sign_in};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn ReviewsSection(product: i64) -> impl IntoView {
    let q = use_query_map();
    let data = Resource::new(
        move || q.with(|q| q.get("reviews")),
        move |sort| get_reviews_section(product.to_string(), sort),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                data.await.ok().map(|html| view! { <div class="reviews-wrap" inner_html=html></div> })
            })}
        </Suspense>
    }
}

/// The agents' screen of held reviews (the support console's "Отзывы" tab): each
/// published, or rejected with a reason its author is told. Plain forms, so it
/// works the same without JavaScript.
#[component]
pub fn HeldReviews() -> impl IntoView {
    let lang = use_lang();
    let d = lang.moderation();
    let decide = ServerAction::<DecideReview>::new();
    let data = Resource::new(move || decide.version().get(), |_| get_held_reviews());
    let failed = action_error(move || decide.value().get(), DecideReview::PATH);
    let error = Signal::derive(move || failed.get().map(|e| moderation_error(lang, &e)));
    view! {
        <p class="hint">{d.hint}</p>
        <FormError message=error/>
        <Suspense fallback=move || view! { <p class="loading">{lang.dict().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(list)) if list.is_empty() => view! { <p class="hint">{d.empty}</p> }.into_any(),
                    Ok(Some(list)) => view! {
                        <ol class="dialogs" aria-label=d.tab>
                            {list.into_iter().map(|r| {
                                let (id, id2) = (r.id.to_string(), r.id.to_string());
                                let field = format!("reason-{}", r.id);
                                let href = crate::catalog::product_path(r.product, &r.title);
                                view! {
                                    <li class="dialog-card">
                                        <a href=href>{r.title}</a>
                                        <span class="hint">" · " {fill(d.stars, &[&r.rating.to_string()])} " · " {r.at}</span>
                                        <p class="message-text">{r.body}</p>
                                        <ActionForm action=decide attr:class="seller-action">
                                            <input type="hidden" name="review" value=id/>
                                            <input type="hidden" name="publish" value="1"/>
                                            <input type="hidden" name="reason" value=""/>
                                            <button type="submit" class="button">{d.publish}</button>
                                        </ActionForm>
                                        <ActionForm action=decide attr:class="seller-action">
                                            <input type="hidden" name="review" value=id2/>
                                            <input type="hidden" name="publish" value="0"/>
                                            <label for=field.clone()>{d.reason}</label>
                                            <input id=field name="reason" type="text" maxlength="500" required/>
                                            <button type="submit" class="button-link">{d.reject}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }
                    .into_any(),
                    Ok(None) => require_sign_in("/support?tab=reviews").into_any(),
                    Err(AppError::Forbidden) => view! { <p role="alert" class="form-error">{d.agents_only}</p> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The message for a refused decision.
fn moderation_error(lang: Lang, e: &AppError) -> String {
    let d = lang.moderation();
    match e {
        AppError::Invalid {
            field: Field::Reason,
            message: Problem::TooLong,
        } => d.err_reason_long.to_string(),
        AppError::Invalid {
            field: Field::Reason,
            ..
        } => d.err_reason.to_string(),
        AppError::Invalid {
            field: Field::Selected,
            ..
        }
        | AppError::NotFound => d.err_decided.to_string(),
        AppError::Forbidden => d.agents_only.to_string(),
        _ => lang.dict().error_text.to_string(),
    }
}
