//! The chat's use cases: a shopper opens a dialog with a product's seller (or
//! about an order), either side writes, reads a dialog (which marks it read), lists
//! its dialogs, and polls for what changed since its cursor. Who may do what is
//! decided here for every call: the dialog's shopper, or a seller's staff over
//! its seller; anyone else gets "not found", as for a dialog that does not exist.

use crate::chat::model::{
    DialogList, DialogSummary, DialogView, MessageView, PAGE, PER_MINUTE, Party, Pinned,
    PollAnswer, Side, parse_text, poll_ms, scam_shaped,
};
use crate::chat::repo::{self, DialogRow, MessageRow};
use crate::platform::changes;
use crate::platform::db::{Db, Tx};
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::time::local_datetime;
use crate::staff::Role;

mod access;
mod badge;
mod emails;
mod moderation;

use access::{bump_both, dialog_of};
pub use badge::{badge, badge_of, badge_poll};

pub use emails::{EMAIL_AFTER_MS, email_unread};
pub use moderation::{decide_held, held, report};

/// Shopper `user` opens their dialog with product `product`'s seller, pinned to
/// the product (the same dialog as before with that seller): its id.
pub async fn start_about_product(deps: &Deps<'_>, user: i64, product: i64) -> AppResult<i64> {
    let (seller, _) = crate::catalog::seller_of(deps.db, product)
        .await?
        .ok_or(AppError::invalid(Field::Product, Problem::Unknown))?;
    let mut tx = deps.db.begin_write().await?;
    let id = repo::open_dialog(&mut tx, user, seller, (Some(product), None), deps.now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Shopper `user` opens their dialog with seller `seller` about their order
/// `order` (it must have the seller's goods in it): its id.
pub async fn start_about_order(
    deps: &Deps<'_>,
    user: i64,
    order: i64,
    seller: i64,
) -> AppResult<i64> {
    if !crate::orders::bought_from(deps.db, user, order, seller).await? {
        return Err(AppError::NotFound);
    }
    let mut tx = deps.db.begin_write().await?;
    let id = repo::open_dialog(&mut tx, user, seller, (None, Some(order)), deps.now).await?;
    tx.commit().await?;
    Ok(id)
}

/// A seller's staff `user` opens the dialog with the shopper of their seller's
/// posting `posting`, pinned to its order: only within 72 hours of its payment or
/// delivery (Ozon's rule; `orders::seller_contact` decides). Its id.
pub async fn start_as_seller(deps: &Deps<'_>, user: i64, posting: i64) -> AppResult<i64> {
    let (shopper, seller, order) = crate::orders::seller_contact(deps, user, posting).await?;
    let mut tx = deps.db.begin_write().await?;
    let id = repo::open_dialog(&mut tx, shopper, seller, (None, Some(order)), deps.now).await?;
    tx.commit().await?;
    Ok(id)
}

/// `user` writes `text` in dialog `dialog`: the message's id. A seller's message
/// shaped like a code, a card or a phone number is held back from the shopper; a
/// shopper who blocked the seller gets nothing more from them; at most
/// `PER_MINUTE` messages a minute per account.
pub async fn send(deps: &Deps<'_>, user: i64, dialog: i64, text: &str) -> AppResult<i64> {
    let text = parse_text(text)?;
    send_checked(deps, user, dialog, &text, None).await
}

/// `user` sends `photo` (checked and re-encoded already) in dialog `dialog`, with
/// `caption` (which may be empty), as `send` does a text.
pub async fn send_image(
    deps: &Deps<'_>,
    user: i64,
    dialog: i64,
    caption: &str,
    photo: crate::platform::photo::Photo,
) -> AppResult<i64> {
    let caption = crate::chat::model::parse_caption(caption)?;
    send_checked(deps, user, dialog, &caption, Some(photo)).await
}

async fn send_checked(
    deps: &Deps<'_>,
    user: i64,
    dialog: i64,
    text: &str,
    photo: Option<crate::platform::photo::Photo>,
) -> AppResult<i64> {
    let (d, party) = dialog_of(deps.db, user, dialog).await?;
    if party.side() == Side::Seller && d.blocked_at.is_some() {
        return Err(AppError::invalid(Field::Message, Problem::Refused));
    }
    let now = deps.now;
    let sent = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::sent_since(&mut conn, user, now - 60_000).await?
    };
    if sent >= PER_MINUTE {
        return Err(AppError::TooManyRequests {
            retry_after_secs: 60,
        });
    }
    let held = party.side() == Side::Seller && scam_shaped(text);
    let mut tx = deps.db.begin_write().await?;
    let id = repo::insert_message(&mut tx, d.id, party.side(), user, text, held, now).await?;
    if let Some(photo) = &photo {
        let token = crate::platform::security::random_token();
        repo::insert_image(&mut tx, id, &token, photo, now).await?;
    }
    bump_both(&mut tx, &d).await?;
    tx.commit().await?;
    Ok(id)
}

/// The shopper stops (or lets through again) the seller's messages in `dialog`.
pub async fn block(deps: &Deps<'_>, user: i64, dialog: i64, on: bool) -> AppResult<()> {
    let (d, party) = dialog_of(deps.db, user, dialog).await?;
    if party.side() != Side::Shopper {
        return Err(AppError::NotFound);
    }
    let mut tx = deps.db.begin_write().await?;
    repo::set_blocked(&mut tx, d.id, on.then_some(deps.now)).await?;
    bump_both(&mut tx, &d).await?;
    tx.commit().await?;
    Ok(())
}

fn message_view(m: MessageRow, side: Side, other_read: i64) -> MessageView {
    let mine = m.side == side.as_str();
    MessageView {
        id: m.id,
        mine,
        read: mine && m.id <= other_read,
        held: m.held != 0,
        at: local_datetime(m.created_at),
        text: m.body,
        image: m.image.map(|token| crate::chat::model::MessageImage {
            token,
            width: m.image_w.unwrap_or(0),
            height: m.image_h.unwrap_or(0),
        }),
    }
}

/// The image under `token` (`thumb`: its thumbnail) to `user`, one of its
/// dialog's two sides; anyone else, and the shopper while its message is held
/// back, get "not found".
pub async fn image(db: &Db, user: i64, token: &str, thumb: bool) -> AppResult<Vec<u8>> {
    if !crate::platform::security::is_token(token) {
        return Err(AppError::NotFound);
    }
    let (dialog, held, bytes) = {
        let mut conn = db.pool.acquire().await?;
        repo::image(&mut conn, token, thumb)
            .await?
            .ok_or(AppError::NotFound)?
    };
    let (_, party) = dialog_of(db, user, dialog).await?;
    if held != 0 && party.side() == Side::Shopper {
        return Err(AppError::NotFound);
    }
    Ok(bytes)
}

/// Marks `dialog` read by `party` up to message `upto`; the other side's counter
/// rises, so its "read" marks follow.
async fn mark_read(db: &Db, d: &DialogRow, party: Party, upto: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    if repo::mark_read(&mut tx, d.id, party.side(), upto).await? {
        bump_both(&mut tx, d).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// What dialog `d` is about: an order, or a product — which becomes the
/// shopper's order with it once they buy it.
async fn pinned(db: &Db, d: &DialogRow) -> AppResult<Option<Pinned>> {
    let order = match (d.order_id, d.product_id) {
        (Some(o), _) => Some(o),
        (None, Some(p)) => crate::orders::latest_order_with(db, d.shopper_id, p).await?,
        (None, None) => None,
    };
    if let Some(id) = order {
        return Ok(Some(Pinned::Order {
            id,
            number: crate::orders::order_number(id),
        }));
    }
    let Some(product) = d.product_id else {
        return Ok(None);
    };
    Ok(crate::catalog::seller_of(db, product)
        .await?
        .map(|(_, title)| Pinned::Product {
            id: product,
            url: crate::catalog::product_path(product, &title),
            title,
        }))
}

/// Dialog `dialog` as `user` reads it: a page of messages older than `before` (the
/// newest page without it), oldest first. Reading the newest page marks it read.
pub async fn view(
    deps: &Deps<'_>,
    user: i64,
    dialog: i64,
    before: Option<i64>,
) -> AppResult<DialogView> {
    let db = deps.db;
    let (d, party) = dialog_of(db, user, dialog).await?;
    let side = party.side();
    let (rows, version) = {
        let mut conn = db.pool.acquire().await?;
        let rows = repo::messages(
            &mut conn,
            d.id,
            (0, before.unwrap_or(i64::MAX)),
            PAGE + 1,
            side == Side::Seller,
        )
        .await?;
        (rows, changes::version(&mut conn, &party.key()).await?)
    };
    let older = (rows.len() as i64 > PAGE).then(|| rows[PAGE as usize - 1].id);
    let newest = rows.first().map(|m| m.id);
    let other_read = match side {
        Side::Shopper => d.seller_read,
        Side::Seller => d.shopper_read,
    };
    let mut messages: Vec<MessageView> = rows
        .into_iter()
        .take(PAGE as usize)
        .map(|m| message_view(m, side, other_read))
        .collect();
    messages.reverse();
    if let (None, Some(upto)) = (before, newest) {
        mark_read(db, &d, party, upto).await?;
    }
    let title = match side {
        Side::Shopper => d.seller_name.clone(),
        Side::Seller => shopper_name(db, d.shopper_id).await?,
    };
    Ok(DialogView {
        id: d.id,
        title,
        side,
        pinned: pinned(db, &d).await?,
        messages,
        older,
        version,
        blocked: d.blocked_at.is_some(),
        poll_ms: poll_ms(&deps.settings.env, true),
    })
}

/// How a seller's staff see a shopper: "Мария И.", or "Покупатель" unnamed.
async fn shopper_name(db: &Db, shopper: i64) -> AppResult<String> {
    let name = crate::account::public_name(db, shopper).await?;
    Ok(if name.is_empty() {
        "Покупатель".to_string()
    } else {
        name
    })
}

/// `user`'s dialogs, latest first: with sellers, or (`as_seller`) the shoppers'
/// dialogs with the sellers `user` works for.
pub async fn list(db: &Db, user: i64, as_seller: bool) -> AppResult<DialogList> {
    let sellers = crate::staff::scopes(db, user, Role::SellerStaff).await?;
    let seller_staff = !sellers.is_empty();
    let (side, ids) = match (as_seller, seller_staff) {
        (true, true) => (Side::Seller, sellers),
        (true, false) => return Err(AppError::Forbidden),
        (false, _) => (Side::Shopper, vec![user]),
    };
    let rows = {
        let mut conn = db.pool.acquire().await?;
        repo::summaries(&mut conn, side, &ids, 50).await?
    };
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let title = match side {
            Side::Shopper => r.seller_name,
            Side::Seller => shopper_name(db, r.shopper_id).await?,
        };
        out.push(DialogSummary {
            id: r.id,
            title,
            last: r.last_body.unwrap_or_default().chars().take(100).collect(),
            at: local_datetime(r.last_at),
            unread: r.unread,
        });
    }
    Ok(DialogList {
        dialogs: out,
        seller_staff,
    })
}

/// What changed in dialog `open` for `user` since `cursor` (the counter of their
/// side the page last saw): nothing, or the unread total and the messages after
/// `after`, which are then read. An unchanged state costs one read by primary key.
pub async fn poll(
    deps: &Deps<'_>,
    user: i64,
    cursor: i64,
    open: (i64, i64),
) -> AppResult<PollAnswer> {
    let db = deps.db;
    let next_ms = poll_ms(&deps.settings.env, true);
    // `user` may be the seller's staff: their counter is the seller's.
    let (d, party) = dialog_of(db, user, open.0).await?;
    let (dialog, open) = (Some(d), Some(open));
    let version = {
        let mut conn = db.pool.acquire().await?;
        changes::version(&mut conn, &party.key()).await?
    };
    if version == cursor {
        return Ok(PollAnswer {
            version,
            changed: false,
            unread: 0,
            messages: Vec::new(),
            read_upto: 0,
            next_ms,
        });
    }
    let unread = badge(db, user).await?.0;
    let (mut messages, mut read_upto, mut version) = (Vec::new(), 0, version);
    if let (Some(d), Some((_, after))) = (dialog, open) {
        let side = party.side();
        let rows = {
            let mut conn = db.pool.acquire().await?;
            repo::messages(
                &mut conn,
                d.id,
                (after, i64::MAX),
                PAGE,
                side == Side::Seller,
            )
            .await?
        };
        let other_read = match side {
            Side::Shopper => d.seller_read,
            Side::Seller => d.shopper_read,
        };
        read_upto = other_read;
        if let Some(newest) = rows.first().map(|m| m.id) {
            mark_read(db, &d, party, newest).await?;
            // Its own mark raised the counter: the next poll need not see it.
            let mut conn = db.pool.acquire().await?;
            version = changes::version(&mut conn, &party.key()).await?;
        }
        messages = rows
            .into_iter()
            .rev()
            .map(|m| message_view(m, side, other_read))
            .collect();
    }
    Ok(PollAnswer {
        version,
        changed: true,
        unread,
        messages,
        read_upto,
        next_ms,
    })
}

/// An erased account's messages, and its support requests', lose their text.
pub async fn on_account_erased(tx: &mut Tx, user: i64) -> AppResult<()> {
    repo::erase(tx, user).await?;
    crate::chat::support::service::on_account_erased(tx, user).await
}
