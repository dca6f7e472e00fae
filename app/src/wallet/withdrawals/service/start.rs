//! Asking for a withdrawal: the rules checked, a code sent bound to them.

use super::shared::bound;
use crate::account::{OtpTarget, code_for, code_mac};
use crate::platform::db::lock_keys;
use crate::platform::request::Requester;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Blocker, Field, Problem};
use crate::shared::money::Money;
use crate::wallet::certificates::model::moscow_day_start;
use crate::wallet::ledger::model::AccountKind;
use crate::wallet::ledger::service as ledger;
use crate::wallet::withdrawals::model::{
    AccountNumber, Bik, CODE_TTL_MS, CodeSent, DAILY_LIMIT, HOLD_AFTER_CONTACT_CHANGE_MS,
    RecipientName, WithdrawalStatus, check_amount,
};
use crate::wallet::withdrawals::repo::{self, NewWithdrawal};
use crate::wallet::{proof, timeline};

/// What the withdrawal form sends.
pub struct Request<'a> {
    pub amount: &'a str,
    pub recipient: &'a str,
    pub bik: &'a str,
    pub account_number: &'a str,
}

/// Checks the withdrawal and sends a code for it to the account's phone.
pub async fn start(
    deps: &Deps<'_>,
    req: &Requester,
    user: i64,
    f: Request<'_>,
) -> AppResult<CodeSent> {
    let recipient = RecipientName::parse(f.recipient)?;
    let bik = Bik::parse(f.bik)?;
    let account = AccountNumber::parse(f.account_number, &bik)?;
    let amount = Money::parse_roubles(f.amount).map_err(|e| {
        use crate::shared::money::MoneyParseError;
        AppError::invalid(
            Field::Amount,
            match e {
                MoneyParseError::Empty => Problem::Empty,
                _ => Problem::Malformed,
            },
        )
    })?;
    let wallet = ledger::account(deps.db, AccountKind::Wallet, user, deps.now).await?;
    let available = ledger::sums(deps.db, wallet).await?.available();
    check_amount(amount, available)?;
    if let Some(at) = crate::account::last_contact_change(deps.db, user).await?
        && deps.now - at < HOLD_AFTER_CONTACT_CHANGE_MS
    {
        return Err(AppError::Blocked {
            reasons: vec![Blocker::ContactChangedRecently],
        });
    }
    let phone = crate::account::phone_of(deps.db, user)
        .await?
        .ok_or(AppError::Blocked {
            reasons: vec![Blocker::NoContact],
        })?;
    let target = OtpTarget::Phone(phone.clone(), crate::account::OtpChannel::Sms);
    let mut tx = deps.db.begin_write().await?;
    lock_keys(&mut tx, &[format!("withdrawal:{user}")]).await?;
    let today = repo::withdrawn_since(&mut tx, user, moscow_day_start(deps.now)).await?;
    if today + amount.kopecks() > DAILY_LIMIT.kopecks() {
        return Err(AppError::invalid(Field::Amount, Problem::DailyLimit));
    }
    let (salt, code) = code_for(&mut tx, deps.settings, &target, &req.ip, deps.now).await?;
    repo::cancel_awaiting(&mut tx, user, deps.now).await?;
    let mac = code_mac(
        &deps.settings.secret,
        &salt,
        &bound(
            &code,
            amount.kopecks(),
            bik.as_str(),
            account.as_str(),
            recipient.as_str(),
        ),
    );
    let id = repo::insert(
        &mut tx,
        &NewWithdrawal {
            user_id: user,
            amount: amount.kopecks(),
            recipient: recipient.as_str(),
            bik: bik.as_str(),
            account_number: account.as_str(),
            salt: &salt,
            code_hash: &mac,
            code_expires_at: deps.now + CODE_TTL_MS,
            now: deps.now,
        },
    )
    .await?;
    timeline::add(
        &mut tx,
        timeline::WITHDRAWALS,
        id,
        WithdrawalStatus::AwaitingCode.as_str(),
        deps.now,
    )
    .await?;
    tx.commit().await?;
    let d = req.lang.wallet();
    let text = crate::i18n::fill(
        d.sms_withdrawal_code,
        &[&code, &amount.to_string(), &account.masked()],
    );
    proof::send(deps, &phone, id, text).await
}
