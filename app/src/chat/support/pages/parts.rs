//! What the shopper's and the agents' support pages share: the page title, a
//! request's heading and status, and one message.

use crate::chat::support::model::{Author, RequestView, Status, SupportMessage};
use crate::i18n::{Lang, fill};
use leptos::prelude::*;
use leptos_meta::Title;

pub fn title(text: String) -> impl IntoView {
    view! { <Title text=crate::ui::title_text(format!("{text} — Rynok"))/> }
}

pub fn status_badge(lang: Lang, s: Status) -> impl IntoView {
    view! { <span class=format!("request-status status-{}", s.as_str())>{lang.support().status(s)}</span> }
}

/// One message, as the shopper (`agent_side` false) or an agent sees it.
pub fn message(lang: Lang, m: SupportMessage, agent_side: bool) -> impl IntoView {
    let d = lang.support();
    let (who, text, mine) = match m.author {
        Author::Shopper if agent_side => (d.shopper, m.text, false),
        Author::Shopper => (d.you, m.text, true),
        Author::Agent => (d.agent, m.text, agent_side),
        Author::Auto => (d.agent, fill(d.auto, &[&m.text]), false),
        Author::Note => (d.note, m.text, true),
    };
    view! {
        <li class="message" class:mine=mine class:held=m.author == Author::Note id=format!("m{}", m.id)>
            <span class="hint">{who}</span>
            <p class="message-text">{text}</p>
            <span class="hint">{m.at}</span>
        </li>
    }
}

/// A request's heading: its number, topic, status and order.
pub fn head(lang: Lang, v: &RequestView) -> impl IntoView + use<> {
    let d = lang.support();
    let order = v.order.clone().map(|(id, number)| {
        view! { " · " <a href=format!("/orders/{id}")>{fill(lang.chat().about_order, &[&number])}</a> }
    });
    let heading = fill(d.request, &[&v.number]);
    view! {
        {title(heading.clone())}
        <h1>{heading}</h1>
        <p>{d.topic(v.topic)} " · " {status_badge(lang, v.status)} {order}</p>
    }
}
