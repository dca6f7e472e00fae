//! The personal account: its navigation (shared with the Security page) and "My data".

use crate::account::session::api::SignOut;
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

mod my_data;

/// "Sign out" for this browser; afterwards the home page loads afresh.
#[component]
fn SignOutButton() -> impl IntoView {
    let d = use_lang().account();
    let action = ServerAction::<SignOut>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            let _ = window().location().set_href("/");
        }
    });
    view! {
        <ActionForm action=action attr:class="signout-form">
            <button type="submit" class="button-secondary">{d.sign_out}</button>
        </ActionForm>
    }
}

/// The personal account's menu: My data, Security, Sign out.
pub fn account_nav() -> impl IntoView {
    let d = use_lang().account();
    view! {
        <nav class="account-nav" aria-label=d.account_title>
            <a href="/account">{d.my_data}</a>
            <a href="/account/orders">{crate::i18n::use_lang().dict().menu_orders}</a>
            <a href="/account/purchases">{crate::i18n::use_lang().dict().menu_purchases}</a>
            <a href="/account/favourites">{crate::i18n::use_lang().dict().favourites_title}</a>
            <a href="/account/wallet">{d.wallet_link}</a>
            <a href="/account/points">{d.points_link}</a>
            <a href="/account/card">{d.card_link}</a>
            <a href="/account/notices">{crate::i18n::use_lang().dict().notices_title}</a>
            <a href="/account/security">{d.security_title}</a>
            <SignOutButton/>
        </nav>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let d = use_lang().account();
    view! {
        <Title text=crate::ui::title_text(format!("{} — Rynok", d.account_title))/>
        <h1>{d.account_title}</h1>
        <div class="account">
            {account_nav()}
            <my_data::MyDataSections/>
        </div>
    }
}
