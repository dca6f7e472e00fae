use crate::cart::use_cart_units;
use crate::catalog::{get_menu, suggest};
use crate::i18n::api::SetLanguage;
use crate::i18n::t;
use crate::shell::api::{AccountMenu, get_account_menu};
use crate::staff::Role;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::{JsCast, JsValue};

/// The header on every page: logo, catalogue, search, account links and the cart.
#[component]
pub fn Header() -> impl IntoView {
    let d = t();
    let menu = Resource::new(|| (), |_| get_menu());
    let units = use_cart_units();
    let me = Resource::new(|| (), |_| get_account_menu());
    view! {
        <a href="#main" class="skip-link">{d.skip_to_content}</a>
        <header class="site-header">
            <a href="/" class="logo">"Rynok"</a>
            <details class="catalogue-menu">
                <summary>{d.catalogue}</summary>
                <nav aria-label=d.catalogue>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            menu.await.map(|cats| view! {
                                <ul class="menu-roots">
                                    {cats.into_iter().map(|c| view! {
                                        <li>
                                            <a href=format!("/category/{}", c.slug) class="menu-root">{c.name}</a>
                                            <ul>
                                                {c.children.into_iter().map(|ch| view! {
                                                    <li><a href=format!("/category/{}", ch.slug)>{ch.name}</a></li>
                                                }).collect_view()}
                                            </ul>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }).ok()
                        })}
                    </Suspense>
                </nav>
            </details>
            <SearchBox/>
            <nav class="header-actions" aria-label=d.main_navigation>
                <Suspense fallback=move || view! { <a href="/signin">{d.sign_in}</a> <a href="/signin">{d.messages}</a> }>
                    {move || Suspend::new(async move {
                        match me.await {
                            Ok(Some(m)) => account_menu(m).into_any(),
                            _ => view! { <SignInEntry/> <a href="/signin">{d.messages}</a> }.into_any(),
                        }
                    })}
                </Suspense>
                <a href="/signin">{d.favourites}</a>
                <a href="/cart" class="cart-link">
                    {d.cart}
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let n = units.await.unwrap_or(0);
                            (n > 0).then(|| view! { <span class="badge" data-testid="cart-badge">{n}</span> })
                        })}
                    </Suspense>
                </a>
            </nav>
            <LanguageSwitch/>
        </header>
    }
}

/// A signed-in shopper's part of the header: "Кабинет" with its menu (the wallet's
/// balance and the points in it), and "Сообщения" with the unread count. The menu
/// is a <details>, so it opens without JavaScript too.
fn account_menu(m: AccountMenu) -> impl IntoView {
    let d = t();
    // Hydrated, the badge asks every 30 s (slower in a hidden tab) whether
    // anything changed since the counter the page was made with.
    let (unread, set_unread) = signal(m.unread);
    badge_polling(m.version, m.unread, m.poll_ms, set_unread);
    let unread = move || {
        let n = unread.get();
        (n > 0).then(|| {
            let label = crate::i18n::fill(d.notices_unread, &[&n.to_string()]);
            view! { <span class="badge" data-testid="notices-badge" aria-label=label>{n}</span> }
        })
    };
    let points = (m.points.kopecks() / 100).to_string();
    // Links to the screens of the roles held; the screens check the role themselves.
    let desks = [
        (Role::Operator, "/pickup", d.menu_desk_pickup),
        (Role::SellerStaff, "/seller", d.menu_desk_seller),
        (Role::Support, "/support", d.menu_desk_support),
    ]
    .into_iter()
    .filter(|(r, _, _)| m.staff & r.bit() != 0)
    .map(|(_, href, name)| view! { <li><a href=href>{name}</a></li> })
    .collect_view();
    view! {
        <a href="/account">{d.account}</a>
        <details class="account-menu">
            <summary aria-label=d.account_menu>"▾"</summary>
            <ul>
                <li><a href="/account">{d.menu_my_data}</a></li>
                <li><a href="/account/orders">{d.menu_orders}</a></li>
                <li><a href="/account/wallet">{d.menu_wallet} " " <span class="menu-sum" data-testid="menu-balance">{m.balance.to_string()}</span></a></li>
                <li><a href="/account/points">{d.menu_points} " " <span class="menu-sum" data-testid="menu-points">{points}</span></a></li>
                <li><a href="/account/card">{d.menu_card}</a></li>
                <li><a href="/account/notices">{d.notices_title}</a></li>
                <li><a href="/account/security">{d.menu_security}</a></li>
                {(m.staff != 0).then(|| view! {
                    <li class="menu-staff">{d.menu_staff}</li>
                })}
                {desks}
            </ul>
        </details>
        <a href="/messages" class="messages-link">{d.messages} {unread}</a>
    }
}

/// The badge's poll: one query on the server when nothing changed (and a 304).
/// Its code comes in a WASM chunk of its own, fetched once the page has hydrated,
/// so no page's first load carries it.
fn badge_polling(version: i64, unread: i64, wait: u32, set_unread: WriteSignal<i64>) {
    Effect::new(move |_| {
        leptos::task::spawn_local(start_badge_polling(version, unread, wait, set_unread));
    });
}

/// The tabs of one browser share the badge's poll through a Web Lock. The tab that
/// holds the lock `rynok.badge` asks the server and writes each change to
/// localStorage; the other tabs wait in the lock's queue, ask nothing, and take the
/// changes from the `storage` event as they are written. When the asking tab
/// closes or leaves the shop, the browser hands the lock to the next tab in the
/// queue, which asks from the newest counter it has seen. Where Web Locks are
/// missing (an old browser, or a page not served from a secure context) every tab
/// asks on its own.
///
/// The asking tab polls four times slower while it is hidden, even when another tab
/// of the same browser is visible: that tab's badge then lags by up to four waits.
#[lazy]
fn start_badge_polling(version: i64, unread: i64, wait: u32, set_unread: WriteSignal<i64>) {
    use std::cell::Cell;
    use std::rc::Rc;
    // The newest (counter, unread) this tab knows, from its own polls or another tab's.
    let seen = Rc::new(Cell::new((version, unread)));
    let take = move |seen: &Cell<(i64, i64)>, (v, n): (i64, i64)| {
        if v > seen.get().0 {
            seen.set((v, n));
            set_unread.set(n);
        }
    };
    // The listener lives as long as the page: the header never goes away.
    let heard = seen.clone();
    let _ = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().as_deref() == Some(SHARED_BADGE)
            && let Some(change) = e.new_value().as_deref().and_then(parse_shared)
        {
            take(&heard, change);
        }
    });
    let poll = move || {
        let seen = seen.clone();
        async move {
            let mut wait = wait;
            loop {
                let slow = if document().hidden() { 4 } else { 1 };
                gloo_timers::future::TimeoutFuture::new(wait * slow).await;
                match crate::chat::poll_badge(seen.get().0.to_string()).await {
                    Ok(Some(a)) => {
                        wait = a.next_ms;
                        if a.changed {
                            take(&seen, (a.version, a.unread));
                            share_badge(a.version, a.unread);
                        }
                    }
                    Ok(None) => return,
                    Err(_) => wait = (wait * 2).min(300_000),
                }
            }
        }
    };
    // The lock is held while the promise the callback returns is pending: this one
    // never settles, so the tab holds it until it closes.
    let asking = poll.clone();
    let holder = wasm_bindgen::closure::Closure::once_into_js(move |_lock: JsValue| {
        leptos::task::spawn_local(asking());
        js_sys::Promise::new(&mut |_, _| {})
    });
    if request_lock(BADGE_LOCK, holder.unchecked_ref()).is_err() {
        leptos::task::spawn_local(poll());
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `navigator.locks.request(name, callback)`, bound here because web-sys keeps
    /// Web Locks behind its unstable flag. Fails where the browser has none.
    #[wasm_bindgen(js_namespace = ["navigator", "locks"], js_name = request, catch)]
    fn request_lock(name: &str, callback: &js_sys::Function) -> Result<js_sys::Promise, JsValue>;
}

/// The Web Lock held by the one tab of a browser that asks for the badge.
const BADGE_LOCK: &str = "rynok.badge";

/// Where the asking tab leaves the badge's last change for the others: "version unread".
const SHARED_BADGE: &str = "rynok.badge.change";

/// A shared change: the counter and the unread count. Whole numbers only: parsing
/// or printing a float would add kilobytes of WASM.
fn parse_shared(stored: &str) -> Option<(i64, i64)> {
    let (version, unread) = stored.split_once(' ')?;
    Some((version.parse().ok()?, unread.parse().ok()?))
}

fn share_badge(version: i64, unread: i64) {
    if let Some(s) = window().local_storage().ok().flatten() {
        let _ = s.set_item(SHARED_BADGE, &format!("{version} {unread}"));
    }
}

/// The search box. Without JavaScript it is a plain GET form; hydrated, it suggests
/// products and categories while the person types, 250 ms after the last key.
#[component]
fn SearchBox() -> impl IntoView {
    let d = t();
    let query = use_query_map();
    let initial = query.with_untracked(|q| q.get("q").unwrap_or_default());
    let (suggestions, set_suggestions) = signal(Vec::new());
    // Each keystroke starts a new generation; a request goes out only if no key
    // followed within 250 ms, and only the newest answer is shown.
    let generation = StoredValue::new(0u64);
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        if value.trim().chars().count() < 2 {
            set_suggestions.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(250).await;
            if generation.get_value() != mine {
                return;
            }
            if let Ok(list) = suggest(value).await
                && generation.get_value() == mine
            {
                set_suggestions.set(list);
            }
        });
    };
    view! {
        <Form method="GET" action="/search" attr:class="search" attr:role="search">
            <label for="search-q" class="visually-hidden">{d.search_label}</label>
            <input
                id="search-q"
                type="search"
                name="q"
                placeholder=d.search_placeholder
                autocomplete="off"
                maxlength="200"
                value=initial
                on:input=on_input
                aria-describedby="search-suggestions"
            />
            <button type="submit">{d.search_button}</button>
            <div id="search-suggestions" class="suggestions" aria-live="polite">
                <Show when=move || !suggestions.with(Vec::is_empty)>
                    <ul aria-label=d.suggestions>
                        <For each=move || suggestions.get() key=|s| s.url.clone() let:s>
                            <li><a href=s.url>{s.label}</a></li>
                        </For>
                    </ul>
                </Show>
            </div>
        </Form>
    }
}

/// Switches between Russian and English; the choice is kept in a cookie.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let d = t();
    let other = match crate::i18n::use_lang() {
        crate::i18n::Lang::Ru => "en",
        crate::i18n::Lang::En => "ru",
    };
    let action = ServerAction::<SetLanguage>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            let _ = window().location().reload();
        }
    });
    view! {
        <ActionForm action=action attr:class="lang-switch">
            <input type="hidden" name="lang" value=other/>
            <button type="submit" aria-label=d.switch_language lang=other>{d.other_language_name}</button>
        </ActionForm>
    }
}

/// "Sign in" in the header: a link to the sign-in page, which, once the page is
/// interactive, opens the same steps in a dialog over the current page instead.
#[component]
fn SignInEntry() -> impl IntoView {
    let d = t();
    let a = crate::i18n::use_lang().account();
    let (open, set_open) = signal(false);
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let path = window().location().pathname().unwrap_or_default();
        if path != "/signin" && !ev.ctrl_key() && !ev.meta_key() && !ev.shift_key() {
            ev.prevent_default();
            set_open.set(true);
        }
    };
    let here = move || {
        let l = window().location();
        format!(
            "{}{}",
            l.pathname().unwrap_or_default(),
            l.search().unwrap_or_default()
        )
    };
    // A native modal <dialog>: the browser keeps focus inside it, Escape closes it
    // (its "close" event), and the page behind is inert.
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if open.get()
            && let Some(d) = dialog.get()
            && !d.open()
        {
            let _ = d.show_modal();
        }
    });
    view! {
        <a href="/signin" on:click=on_click>{d.sign_in}</a>
        <Show when=move || open.get()>
            <dialog node_ref=dialog class="dialog signin" aria-labelledby="signin-dialog-title"
                on:close=move |_| set_open.set(false)>
                <button type="button" class="dialog-close" aria-label=d.close on:click=move |_| set_open.set(false)>"×"</button>
                <h2 id="signin-dialog-title">{a.signin_title}</h2>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(crate::account::sign_in_flow(here()))}
                </Suspense>
            </dialog>
        </Show>
    }
}
