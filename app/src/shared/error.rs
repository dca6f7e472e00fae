//! One error type for the whole application. It travels from the server to the
//! page, so every variant carries only what is safe to show a person.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// What went wrong, in terms a shopper can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// A field of a form or a query did not parse; `field` names it, `message` says why.
    #[error("invalid {field:?}: {message:?}")]
    Invalid { field: Field, message: Problem },
    /// The quantity asked for is more than is in stock.
    #[error("only {available} in stock")]
    InsufficientStock { available: i64 },
    /// The action needs a signed-in person.
    #[error("sign in first")]
    Unauthorized,
    /// Too many requests of this kind; try again after this many seconds.
    #[error("too many requests, retry in {retry_after_secs} s")]
    TooManyRequests { retry_after_secs: i64 },
    /// The one-time code does not match; this many tries are left for it.
    #[error("wrong code, {attempts_left} attempts left")]
    WrongCode { attempts_left: i64 },
    /// The code (or the sign-in it belongs to) has expired or was already used.
    #[error("code expired")]
    CodeExpired,
    /// Too many wrong entries: the code no longer works, a new one is needed.
    #[error("too many wrong codes")]
    CodeBurned,
    /// The phone number or email already belongs to another account.
    #[error("{field:?} is taken")]
    Taken { field: Field },
    /// The action cannot go ahead while these conditions hold (codes the page explains).
    #[error("blocked: {reasons:?}")]
    Blocked { reasons: Vec<Blocker> },
    /// Adding a way to sign in needs a fresh proof of the account first: a code to
    /// its phone (`account/reauth/start`).
    #[error("confirm it is you first")]
    ReauthRequired,
    /// The request did not come from our own pages.
    #[error("forbidden")]
    Forbidden,
    /// Anything unexpected: logged on the server with its cause, shown as a generic sentence.
    #[error("internal error")]
    Internal,
    /// The transport failed (network, decoding) before the server answered.
    #[error("transport: {0}")]
    Transport(String),
}

/// A field of a form or a query that a person can get wrong. Serialised in
/// snake_case ("birth_date"), as the page and the tests read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Phone,
    Email,
    Code,
    Channel,
    Terms,
    LastName,
    FirstName,
    MiddleName,
    Gender,
    BirthDate,
    Reason,
    OrderNumber,
    FullName,
    /// A passkey's name.
    Name,
    /// A passkey's answer from the authenticator.
    Credential,
    /// A provider's answer to "Sign in with ...".
    Oidc,
    Quantity,
    Selected,
    /// An amount of money (a withdrawal, a top-up).
    Amount,
    /// A bank's identification code (БИК).
    Bik,
    /// A bank account number.
    AccountNumber,
    /// A gift certificate's code.
    Certificate,
    /// A period of dates (a history's filter).
    Period,
    /// A person's tax number (ИНН).
    Inn,
    /// A person's insurance number (СНИЛС).
    Snils,
    PassportSeries,
    PassportNumber,
    /// The passport's date of issue.
    IssueDate,
    /// The passport issuer's code (NNN-NNN).
    IssuerCode,
    /// A code word for support calls.
    CodeWord,
    Product,
    /// The pickup point an order goes to.
    PickupPoint,
    /// Bonus points to spend.
    Points,
    /// A promo code.
    Promo,
    /// The first-order discount.
    Discount,
    /// An uploaded photo.
    Photo,
    /// A free-text comment (a return's, a review's text).
    Comment,
    /// A review's stars.
    Rating,
    /// How an order is delivered (a pickup point or a courier).
    Delivery,
    /// A courier's address.
    Address,
    /// The day a courier comes.
    DeliveryDate,
    /// A courier's time slot.
    Slot,
    /// A chat message's text.
    Message,
    /// A support request's topic.
    Topic,
    /// A support request's status.
    Status,
    Id,
    Lang,
    /// The request itself (an argument missing or malformed).
    Request,
}

/// Why a field was refused; each field's page words it (`account::i18n`,
/// `cart::pages`). Serialised in snake_case ("wrong_length").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Empty,
    BadCharacters,
    WrongLength,
    NotMobile,
    UnknownCountry,
    /// A country the shop sends no codes to.
    CountryClosed,
    TooLong,
    Malformed,
    SixDigits,
    Unknown,
    /// The same value as now.
    Same,
    /// Another change of it is under way.
    Pending,
    Letters,
    Digits,
    /// Too short or too long.
    Length,
    Cancelled,
    Rejected,
    Refused,
    NotAWholeNumber,
    OutOfRange,
    NotADate,
    Future,
    TooOld,
    /// Must be ticked or given.
    Required,
    /// Less than the least allowed (a withdrawal's 100 ₽).
    BelowMinimum,
    /// Below the minimum only the whole balance may be withdrawn.
    WholeBalanceOnly,
    /// More than the balance holds.
    MoreThanBalance,
    /// A bank account's control key disagrees with the bank's BIK.
    ControlKey,
    /// Not an account of a private person (40817, 40820, 423…).
    NotPersonalAccount,
    /// A check character disagrees with the rest: a typo (a certificate's code).
    Typo,
    /// Its time is over (a certificate not activated within its year).
    Expired,
    /// Already used by someone else (a certificate activated on another account).
    AlreadyUsed,
    /// Younger than the rule allows (18 for a bank card).
    TooYoung,
    /// The day's allowance is spent (3 certificate activations a day); try tomorrow.
    DailyLimit,
    /// The price changed since the shopper saw it: show the new one and ask again.
    PriceChanged,
    /// Allowed once, and it was done already (a pickup point's storage extended).
    Once,
    /// Not a JPEG, PNG or WebP picture, by its content.
    NotAnImage,
    /// Larger than the limit (a photo's 10 MB).
    TooLarge,
    /// More of them than allowed (a return's photos).
    TooMany,
    /// Cannot be returned: its category never can, or its period is over.
    NotReturnable,
    /// What the request decoder said (server_fn's own message).
    Decoding(String),
}

/// Why an action cannot go ahead now; each has its own advice on the page. Every
/// domain that can hold up deleting an account adds its reason here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Blocker {
    /// A phone change is waiting out its 14 days.
    PhoneChangePending,
    /// The account has neither a phone nor a verified email to send a code to.
    NoContact,
    /// The phone number or the email changed less than 24 hours ago (withdrawals wait).
    ContactChangedRecently,
    /// Money is left in Rynok Account: spend or withdraw it first.
    WalletNotEmpty,
    /// A withdrawal is on its way to the bank.
    WithdrawalInProgress,
    /// A card top-up is waiting for the bank's answer.
    TopUpInProgress,
    /// A Rynok Card application is under way, or the card is active.
    CardOpen,
    /// An order is not received yet (or not returned, or not cancelled).
    OrderInProgress,
    /// A return is asked for and not accepted at a pickup point yet.
    ReturnInProgress,
}

impl AppError {
    pub fn invalid(field: Field, message: Problem) -> Self {
        AppError::Invalid { field, message }
    }

    /// A record's id as a form sends it: a positive integer, else `Unknown` on `field`.
    pub fn parse_id(raw: &str, field: Field) -> Result<i64, AppError> {
        raw.trim()
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or(AppError::invalid(field, Problem::Unknown))
    }

    /// A switch as a form sends it: "1" on, "0" off, anything else malformed.
    pub fn parse_on_off(raw: &str) -> Result<bool, AppError> {
        match raw.trim() {
            "1" => Ok(true),
            "0" => Ok(false),
            _ => Err(AppError::invalid(Field::Request, Problem::Malformed)),
        }
    }

    /// The HTTP status a page showing this error should carry.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Invalid { .. }
            | AppError::InsufficientStock { .. }
            | AppError::WrongCode { .. }
            | AppError::CodeExpired
            | AppError::CodeBurned => 400,
            AppError::Unauthorized => 401,
            AppError::Taken { .. } | AppError::Blocked { .. } => 409,
            AppError::TooManyRequests { .. } => 429,
            AppError::Forbidden | AppError::ReauthRequired => 403,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// Logs the cause of an unexpected failure and returns the generic error.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => AppError::NotFound,
            other => AppError::internal(other),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::MissingArg(m) => {
                AppError::invalid(Field::Request, Problem::Decoding(m))
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
