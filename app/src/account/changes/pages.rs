//! "No access to the number and no email": a request for support, with its number.

use crate::account::changes::api::RecoveryRequest;
use crate::account::i18n::error_text;
use crate::i18n::{fill, use_lang};
use crate::ui::forms::action_error;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn RecoveryPage() -> impl IntoView {
    let lang = use_lang();
    let d = lang.account();
    let action = ServerAction::<RecoveryRequest>::new();
    let error = action_error(move || action.value().get(), RecoveryRequest::PATH);
    // Without JavaScript the number comes back in the URL (`?n=`), see `recovery_request`.
    let query = use_query_map();
    let number = move || match action.value().get() {
        Some(Ok(n)) => Some(n),
        _ => query
            .with(|q| q.get("n"))
            .filter(|n| n.len() <= 12 && n.chars().all(|c| c.is_ascii_digit() || c == '-')),
    };
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok ID", d.recovery_title))/>
        <section class="signin">
            <h1>{d.recovery_title}</h1>
            <p class="lead">{d.recovery_lead}</p>
            <p role="status" class="form-status">{move || number().map(|n| fill(d.recovery_done, &[&n]))}</p>
            <ActionForm action=action attr:class="signin-form">
                <label for="rec-name">{d.full_name}</label>
                <input id="rec-name" name="full_name" required maxlength="150" autocomplete="name"/>
                <label for="rec-old">{d.old_phone}</label>
                <input id="rec-old" name="old_phone" type="tel" required maxlength="32"/>
                <label for="rec-new">{d.new_phone}</label>
                <input id="rec-new" name="new_phone" type="tel" required maxlength="32" autocomplete="tel"/>
                <label for="rec-order">{d.order_number}</label>
                <input id="rec-order" name="order_number" required maxlength="20"/>
                <button type="submit" class="button">{d.send_request}</button>
                <crate::ui::FormError message=Signal::derive(move || error.get().map(|e| error_text(lang, &e)))/>
            </ActionForm>
        </section>
    }
}
