//! Letting lines of an order go, inside the caller's transaction: the lines are
//! marked, their stock goes back, a posting left with no line moves to the status
//! given (cancelled, not collected) on its timeline, and the money goes back where
//! it came from: the wallet's payment by a ledger refund keyed by the order and
//! `what` (a second run gives nothing twice); a card's by the same refund towards
//! card acquiring and a card refund row the provider is asked about after the
//! transaction; on receipt, less is due. Used by
//! the shopper's cancel and by the job that returns what was not collected.

use crate::orders::model::{PayMethod, PostingStatus};
use crate::orders::repo::{self, ItemRow, OrderRow, PostingRow};
use crate::platform::db::Tx;
use crate::platform::state::Deps;
use crate::shared::error::AppResult;
use crate::shared::money::Money;
use crate::wallet::LedgerError;

/// Where money can go back to: (the shopper's wallet, clearing) and (card
/// acquiring, clearing), opened before the transaction.
#[derive(Clone, Copy)]
pub(super) struct Back {
    pub wallet: (i64, i64),
    pub card: (i64, i64),
    pub points: crate::wallet::PointsAccounts,
}

impl Back {
    pub async fn open(deps: &Deps<'_>, user: i64) -> AppResult<Back> {
        Ok(Back {
            wallet: crate::wallet::order_accounts(deps.db, user, deps.now).await?,
            card: crate::wallet::card_accounts(deps.db, deps.now).await?,
            points: crate::wallet::points_accounts(deps.db, deps.now, user).await?,
        })
    }
}

pub(super) struct Release<'a> {
    pub order: &'a OrderRow,
    /// Every line of the order.
    pub items: &'a [ItemRow],
    pub postings: &'a [PostingRow],
    /// The lines to let go (standing ones).
    pub targets: Vec<&'a ItemRow>,
    /// Where a posting left with no line goes.
    pub to: PostingStatus,
    /// What the refund's key names: "item:<id>", "all", "posting:<id>".
    pub what: String,
}

/// Lets `r.targets` go at `now`: the money given back (zero on receipt), and
/// whether nothing of the order stands any more.
pub(super) async fn release(
    tx: &mut Tx,
    now: i64,
    b: Back,
    r: Release<'_>,
) -> Result<(Money, bool), LedgerError> {
    let o = r.order;
    let standing: Vec<&ItemRow> = r
        .items
        .iter()
        .filter(|i| i.cancelled_at.is_none())
        .collect();
    let mut goods = 0i64;
    for i in &r.targets {
        if !repo::cancel_item(tx, i.id, now).await? {
            // Another request let it go first: this one starts again.
            return Err(LedgerError::Raced);
        }
        repo::return_stock(tx, i.product_id, i.quantity).await?;
        goods += i.price * i.quantity;
    }
    let to = r.to.as_str();
    for p in r.postings {
        let left = standing
            .iter()
            .any(|i| i.posting_id == p.id && !r.targets.iter().any(|t| t.id == i.id));
        let finished = PostingStatus::parse(&p.status).is_none_or(PostingStatus::finished);
        if !left && !finished && repo::move_posting(tx, p.id, &p.status, to, now).await? {
            repo::add_event(tx, p.id, to, now).await?;
        }
    }
    // All of it let go: the delivery goes back too. Part of it: the delivery stays
    // as it was, even below the free-delivery threshold.
    let everything = r.targets.len() == standing.len();
    // The lines' goods as paid: less their share of the discount. Points come back
    // in the share they paid of that (never of the delivery), in whole points; money
    // the rest. When everything goes, all that is left of both.
    let points_left = o.paid_points - o.refunded_points;
    let (points, back) = if everything {
        (points_left, i64::MAX / 4)
    } else {
        let net = goods * (o.goods - o.discount) / o.goods.max(1);
        let share = net * o.paid_points / (o.goods - o.discount).max(1);
        let points = (share - share % 100).min(points_left);
        (points, net - points)
    };
    let pay = PayMethod::parse(&o.pay_method).unwrap_or(PayMethod::OnReceipt);
    let (refund, due) = match pay {
        PayMethod::Wallet => (back.min(o.paid_wallet - o.refunded), o.due_on_receipt),
        PayMethod::Card => (back.min(o.paid_card - o.refunded), o.due_on_receipt),
        PayMethod::OnReceipt => (0, (o.due_on_receipt - back).max(0)),
    };
    if refund > 0 {
        let amount = Money::from_kopecks(refund);
        let to = match pay {
            PayMethod::Card => b.card,
            _ => b.wallet,
        };
        crate::wallet::refund_order_in(tx, now, to, o.id, &r.what, amount).await?;
        if pay == PayMethod::Card {
            // The provider is asked after the transaction (`card::send_refunds`).
            repo::insert_card_refund(tx, o.id, &r.what, refund, now).await?;
        }
    }
    repo::record_money(tx, o.id, refund, due).await?;
    if points > 0 {
        let amount = Money::from_kopecks(points);
        let given =
            crate::wallet::return_points_in(tx, now, b.points, o.id, &r.what, amount).await?;
        repo::record_points_back(tx, o.id, given.kopecks()).await?;
    }
    // Nothing of the order was bought: its promo code's use and its first-order
    // discount are the shopper's again.
    let received = PostingStatus::Received.as_str();
    if everything && !r.postings.iter().any(|p| p.status == received) {
        repo::give_back_promo(tx, o.id).await?;
        crate::account::restore_discount_in(tx, o.user_id, o.id).await?;
    }
    Ok((Money::from_kopecks(refund), everything))
}

/// Lets every standing line of posting `posting` of order `o` go, the posting to
/// `to`, the refund keyed "posting:<id>": the money given back, or `None` when no
/// line of it stood. Used by the seller's cancel, the seller's deadline and the
/// job that returns what was not collected.
pub(super) async fn release_posting(
    tx: &mut Tx,
    now: i64,
    b: Back,
    o: &OrderRow,
    posting: i64,
    to: PostingStatus,
) -> Result<Option<Money>, LedgerError> {
    let items = repo::items_of(&mut *tx, &[o.id]).await?;
    let postings = repo::postings_of(&mut *tx, &[o.id]).await?;
    let targets: Vec<_> = items
        .iter()
        .filter(|i| i.posting_id == posting && i.cancelled_at.is_none())
        .collect();
    if targets.is_empty() {
        return Ok(None);
    }
    let r = Release {
        order: o,
        items: &items,
        postings: &postings,
        targets,
        to,
        what: format!("posting:{posting}"),
    };
    release(tx, now, b, r).await.map(|(refund, _)| Some(refund))
}
