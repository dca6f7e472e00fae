//! Support requests' use cases: a shopper opens a numbered request (an automatic
//! reply out of working hours says when an agent answers), writes in it, closes
//! and rates it; an agent (the support role) takes requests from the queue,
//! answers, keeps internal notes, changes the status and sees the shopper's
//! orders and account, never a code or a token. Who may do what is decided here
//! for every call: a request is its shopper's and the agents'; anyone else gets
//! "not found", as for a request that does not exist.

use crate::chat::model::parse_text;
use crate::chat::support::model::{
    Author, MAX_OPEN, QUEUE_PAGE, RequestList, RequestSummary, RequestView, Status, SupportMessage,
    Topic, next_opening, number, parse_rating, working,
};
use crate::chat::support::repo::{self, MessageRow, NewRequest, RequestRow, SummaryRow};
use crate::platform::changes;
use crate::platform::db::{Db, Tx};
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::time::{local_datetime, moscow_time};
use crate::staff::Role;

mod card;
use card::shopper_card;

/// The agents' change counter (a new request, a shopper's message).
const AGENTS: &str = "support";

/// Messages one account may write in requests in a minute.
const PER_MINUTE: i64 = crate::chat::model::PER_MINUTE;

/// Whether `user` holds the support role; `Forbidden` otherwise.
async fn agent(db: &Db, user: i64) -> AppResult<()> {
    crate::staff::require(db, user, Role::Support).await?;
    Ok(())
}

async fn load(db: &Db, id: i64) -> AppResult<RequestRow> {
    let mut conn = db.pool.acquire().await?;
    repo::request(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Request `id` of shopper `user`; "not found" when it is someone else's.
async fn own(db: &Db, user: i64, id: i64) -> AppResult<RequestRow> {
    let r = load(db, id).await?;
    if r.shopper_id != user {
        return Err(AppError::NotFound);
    }
    Ok(r)
}

async fn within_limit(db: &Db, user: i64, now: i64) -> AppResult<()> {
    let mut conn = db.pool.acquire().await?;
    if repo::sent_since(&mut conn, user, now - 60_000).await? >= PER_MINUTE {
        return Err(AppError::TooManyRequests {
            retry_after_secs: 60,
        });
    }
    Ok(())
}

/// Both sides' counters rise: the shopper's badge and the agents' queue see it.
async fn bump(tx: &mut Tx, shopper: i64) -> Result<(), sqlx::Error> {
    changes::bump(tx, &format!("u:{shopper}")).await?;
    changes::bump(tx, AGENTS).await?;
    Ok(())
}

/// Shopper `user` opens a request on `topic`, perhaps about their order `order`,
/// with its first message `text`: its id. Out of working hours support's
/// automatic reply follows at once, saying when an agent will answer. At most
/// `MAX_OPEN` requests not closed per shopper.
pub async fn open(
    deps: &Deps<'_>,
    user: i64,
    topic: &str,
    order: Option<i64>,
    text: &str,
) -> AppResult<i64> {
    let topic = Topic::parse(topic)?;
    let text = parse_text(text)?;
    if let Some(o) = order
        && !crate::orders::placed_by(deps.db, user, o).await?
    {
        return Err(AppError::invalid(Field::OrderNumber, Problem::Unknown));
    }
    let now = deps.now;
    within_limit(deps.db, user, now).await?;
    let mut tx = deps.db.begin_write().await?;
    if repo::open_count(&mut tx, user).await? >= MAX_OPEN {
        return Err(AppError::invalid(Field::Topic, Problem::Refused));
    }
    let (id, _) = open_in(&mut tx, user, (topic, order), &text, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Opens a request of `shopper` (0: someone without an account) inside `tx`, with
/// its first message `text` (already checked) and, out of working hours, the
/// automatic reply: (its id, its number).
pub async fn open_in(
    tx: &mut Tx,
    shopper: i64,
    (topic, order): (Topic, Option<i64>),
    text: &str,
    now: i64,
) -> Result<(i64, String), sqlx::Error> {
    let year = moscow_time(now).0;
    let seq = repo::next_seq(tx, year).await?;
    let number = number(year, seq);
    let id = repo::insert_request(
        tx,
        &NewRequest {
            number: &number,
            shopper,
            topic: topic.as_str(),
            order,
        },
        now,
    )
    .await?;
    let author = (shopper != 0).then_some(shopper);
    repo::insert_message(tx, id, Author::Shopper, author, text, now).await?;
    if !working(now) {
        let when = local_datetime(next_opening(now));
        repo::insert_message(tx, id, Author::Auto, None, &when, now).await?;
    }
    bump(tx, shopper).await?;
    Ok((id, number))
}

/// The shopper writes in their request: it waits for an agent again. A closed
/// request takes no more messages (a new one is opened instead).
pub async fn write(deps: &Deps<'_>, user: i64, id: i64, text: &str) -> AppResult<i64> {
    let text = parse_text(text)?;
    let r = own(deps.db, user, id).await?;
    if r.status == Status::Closed.as_str() {
        return Err(AppError::invalid(Field::Status, Problem::Refused));
    }
    within_limit(deps.db, user, deps.now).await?;
    let mut tx = deps.db.begin_write().await?;
    let m =
        repo::insert_message(&mut tx, r.id, Author::Shopper, Some(user), &text, deps.now).await?;
    let since = r.waiting_since.unwrap_or(deps.now);
    repo::set_status(&mut tx, r.id, Status::Open, Some(since)).await?;
    repo::mark_read(&mut tx, r.id, m).await?;
    bump(&mut tx, user).await?;
    tx.commit().await?;
    Ok(m)
}

/// The shopper closes their request.
pub async fn close(deps: &Deps<'_>, user: i64, id: i64) -> AppResult<()> {
    let r = own(deps.db, user, id).await?;
    let mut tx = deps.db.begin_write().await?;
    repo::set_status(&mut tx, r.id, Status::Closed, None).await?;
    bump(&mut tx, user).await?;
    tx.commit().await?;
    Ok(())
}

/// The shopper rates the answer of their closed request, once.
pub async fn rate(deps: &Deps<'_>, user: i64, id: i64, rating: &str) -> AppResult<()> {
    let rating = parse_rating(rating)?;
    let r = own(deps.db, user, id).await?;
    let mut tx = deps.db.begin_write().await?;
    if !repo::rate(&mut tx, r.id, rating).await? {
        return Err(AppError::invalid(Field::Rating, Problem::Refused));
    }
    bump(&mut tx, user).await?;
    tx.commit().await?;
    Ok(())
}

/// Agent `user` answers request `id` (`note`: an internal note the shopper never
/// sees). An answer takes an unassigned request for the agent and marks it
/// answered; a note changes nothing else. A closed request takes notes only.
pub async fn answer(deps: &Deps<'_>, user: i64, id: i64, text: &str, note: bool) -> AppResult<i64> {
    agent(deps.db, user).await?;
    let text = parse_text(text)?;
    let r = load(deps.db, id).await?;
    if !note && r.status == Status::Closed.as_str() {
        return Err(AppError::invalid(Field::Status, Problem::Refused));
    }
    within_limit(deps.db, user, deps.now).await?;
    let author = if note { Author::Note } else { Author::Agent };
    let mut tx = deps.db.begin_write().await?;
    let m = repo::insert_message(&mut tx, r.id, author, Some(user), &text, deps.now).await?;
    if !note {
        repo::set_status(&mut tx, r.id, Status::Answered, None).await?;
        if r.agent_id.is_none() {
            repo::assign(&mut tx, r.id, user).await?;
        }
    }
    bump(&mut tx, r.shopper_id).await?;
    tx.commit().await?;
    Ok(m)
}

/// Agent `user` takes request `id` for themselves.
pub async fn take(deps: &Deps<'_>, user: i64, id: i64) -> AppResult<()> {
    agent(deps.db, user).await?;
    let r = load(deps.db, id).await?;
    let mut tx = deps.db.begin_write().await?;
    repo::assign(&mut tx, r.id, user).await?;
    changes::bump(&mut tx, AGENTS).await?;
    tx.commit().await?;
    Ok(())
}

/// Agent `user` moves request `id` to `status`: back to the queue (open), waiting
/// for the shopper, answered, or closed.
pub async fn set_status(deps: &Deps<'_>, user: i64, id: i64, status: &str) -> AppResult<()> {
    agent(deps.db, user).await?;
    let status = Status::parse(status)?;
    let r = load(deps.db, id).await?;
    let since = match status {
        Status::Open => Some(r.waiting_since.unwrap_or(deps.now)),
        _ => None,
    };
    let mut tx = deps.db.begin_write().await?;
    repo::set_status(&mut tx, r.id, status, since).await?;
    bump(&mut tx, r.shopper_id).await?;
    tx.commit().await?;
    Ok(())
}

fn message_view(m: MessageRow) -> SupportMessage {
    SupportMessage {
        id: m.id,
        author: Author::parse(&m.author),
        text: m.body,
        at: local_datetime(m.created_at),
    }
}

fn parse_row(r: &RequestRow) -> (Topic, Status) {
    (
        Topic::parse(&r.topic).unwrap_or(Topic::Other),
        Status::parse(&r.status).unwrap_or(Status::Open),
    )
}

async fn agent_name(db: &Db, agent: Option<i64>) -> AppResult<Option<String>> {
    let Some(a) = agent else { return Ok(None) };
    let name = crate::account::public_name(db, a).await?;
    Ok(Some(if name.is_empty() {
        format!("#{a}")
    } else {
        name
    }))
}

async fn view_of(db: &Db, r: &RequestRow, messages: Vec<MessageRow>) -> AppResult<RequestView> {
    let (topic, status) = parse_row(r);
    Ok(RequestView {
        id: r.id,
        number: r.number.clone(),
        topic,
        status,
        order: r.order_id.map(|o| (o, crate::orders::order_number(o))),
        messages: messages.into_iter().map(message_view).collect(),
        rating: r.rating,
        created_at: local_datetime(r.created_at),
        shopper: None,
        agent: agent_name(db, r.agent_id).await?,
        mine: false,
        version: 0,
        poll_ms: 0,
    })
}

/// Request `id` as its shopper reads it, which marks it read.
pub async fn view(deps: &Deps<'_>, user: i64, id: i64) -> AppResult<RequestView> {
    let r = own(deps.db, user, id).await?;
    let messages = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::messages(&mut conn, r.id, false).await?
    };
    if let Some(last) = messages.last().map(|m| m.id) {
        let mut tx = deps.db.begin_write().await?;
        if repo::mark_read(&mut tx, r.id, last).await? {
            changes::bump(&mut tx, &format!("u:{user}")).await?;
            tx.commit().await?;
        }
    }
    let mut v = view_of(deps.db, &r, messages).await?;
    let mut conn = deps.db.pool.acquire().await?;
    v.version = crate::chat::repo::badge_version(&mut conn, user).await?;
    v.poll_ms = crate::chat::model::poll_ms(&deps.settings.env, true);
    Ok(v)
}

/// Request `id` as agent `user` sees it: with internal notes, and the shopper's
/// card (name, phone, email, latest orders; no code, no token).
pub async fn agent_view(deps: &Deps<'_>, user: i64, id: i64) -> AppResult<RequestView> {
    agent(deps.db, user).await?;
    let r = load(deps.db, id).await?;
    let messages = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::messages(&mut conn, r.id, true).await?
    };
    let mut v = view_of(deps.db, &r, messages).await?;
    v.mine = r.agent_id == Some(user);
    v.shopper = Some(shopper_card(deps.db, r.shopper_id).await?);
    Ok(v)
}

async fn summaries(db: &Db, rows: Vec<SummaryRow>) -> AppResult<Vec<RequestSummary>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(RequestSummary {
            id: r.id,
            number: r.number,
            topic: Topic::parse(&r.topic).unwrap_or(Topic::Other),
            status: Status::parse(&r.status).unwrap_or(Status::Open),
            at: local_datetime(r.last_at),
            waiting_since: r.waiting_since.map(local_datetime),
            agent: agent_name(db, r.agent_id).await?,
            unread: r.unread,
        });
    }
    Ok(out)
}

/// Shopper `user`'s requests, latest first, and their orders to tie a new one to.
pub async fn list(deps: &Deps<'_>, user: i64) -> AppResult<RequestList> {
    let rows = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::of_shopper(&mut conn, user).await?
    };
    let (orders, _) =
        crate::orders::list_orders(deps.db, user, crate::orders::OrderFilter::All, None).await?;
    Ok(RequestList {
        requests: summaries(deps.db, rows).await?,
        orders: orders.into_iter().map(|o| (o.id, o.number)).collect(),
        working: working(deps.now),
    })
}

/// The agents' queue (`mine`: only agent `user`'s requests): those waiting
/// longest first.
pub async fn queue(db: &Db, user: i64, mine: bool) -> AppResult<Vec<RequestSummary>> {
    agent(db, user).await?;
    let rows = {
        let mut conn = db.pool.acquire().await?;
        repo::queue(&mut conn, mine.then_some(user), QUEUE_PAGE).await?
    };
    summaries(db, rows).await
}

/// How many agents' messages wait unread by `user` in their requests.
pub async fn unread(ex: &mut sqlx::AnyConnection, user: i64) -> AppResult<i64> {
    Ok(repo::unread_total(ex, user).await?)
}

/// An erased account's requests lose their text.
pub async fn on_account_erased(tx: &mut Tx, user: i64) -> AppResult<()> {
    Ok(repo::erase(tx, user).await?)
}

/// Requests whose shopper left an agent's answer unread since before `before`
/// and was not emailed about it yet: (request, shopper, number, the newest such
/// answer, the mark it had), at most `batch`. `chat::service::email_unread`
/// emails them.
pub async fn unread_to_email(
    deps: &Deps<'_>,
    before: i64,
    batch: i64,
) -> AppResult<Vec<(i64, i64, String, i64, i64)>> {
    let mut conn = deps.db.pool.acquire().await?;
    Ok(repo::unread_to_email(&mut conn, before, batch).await?)
}

/// Moves request `request`'s emailed mark from `from` to `upto`: whether this
/// call moved it.
pub async fn set_emailed(deps: &Deps<'_>, request: i64, marks: (i64, i64)) -> AppResult<bool> {
    let mut conn = deps.db.pool.acquire().await?;
    Ok(repo::set_emailed(&mut conn, request, marks).await?)
}
