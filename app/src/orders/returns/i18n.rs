//! Returns' strings, Russian first. `Lang::returns()` picks one.

use crate::i18n::Lang;
use crate::orders::returns::model::{ReturnReason, ReturnStatus};
use crate::shared::error::{AppError, Field, Problem};

pub struct ReturnsDict {
    pub title: &'static str,
    pub order_link: &'static str,
    pub lines_legend: &'static str,
    pub until: &'static str,
    pub kept_title: &'static str,
    pub kept_never: &'static str,
    pub kept_late: &'static str,
    pub nothing: &'static str,
    pub reason_label: &'static str,
    pub reason_choose: &'static str,
    pub comment_label: &'static str,
    pub photos_label: &'static str,
    pub photos_hint: &'static str,
    pub refund_legend: &'static str,
    pub refund_wallet: &'static str,
    pub refund_card: &'static str,
    pub submit: &'static str,
    pub how: &'static str,
    pub section_title: &'static str,
    pub start: &'static str,
    pub number: &'static str,
    pub code: &'static str,
    /// "… by {date} …": the last day to drop the goods off.
    pub code_hint: &'static str,
    pub barcode_label: &'static str,
    pub photo_alt: &'static str,
    pub refunded_wallet: &'static str,
    pub refunded_card: &'static str,
    pub points_back: &'static str,
    pub points_taken: &'static str,
    pub cancel: &'static str,
    pub created: &'static str,
    pub st_created: &'static str,
    pub st_refunded: &'static str,
    pub st_cancelled: &'static str,
    pub r_not_fit: &'static str,
    pub r_changed_mind: &'static str,
    pub r_defect: &'static str,
    pub r_wrong_item: &'static str,
    pub r_not_as_described: &'static str,
    pub point_title: &'static str,
    pub point_code_label: &'static str,
    pub point_find: &'static str,
    pub point_return: &'static str,
    pub point_order: &'static str,
    pub point_photos: &'static str,
    pub point_accept: &'static str,
    pub point_accepted: &'static str,
    pub point_nothing: &'static str,
    pub err_select: &'static str,
    pub err_not_returnable: &'static str,
    pub err_reason: &'static str,
    pub err_comment_long: &'static str,
    pub err_comment_chars: &'static str,
    pub err_photo_type: &'static str,
    pub err_photo_size: &'static str,
    pub err_photo_many: &'static str,
    pub err_card_only: &'static str,
    pub err_closed: &'static str,
}

static RU: ReturnsDict = ReturnsDict {
    title: "Возврат товаров",
    order_link: "К заказу № {}",
    lines_legend: "Что вернуть",
    until: "вернуть можно до {}",
    kept_title: "Нельзя вернуть",
    kept_never: "товары этой категории не возвращаются",
    kept_late: "срок возврата прошёл",
    nothing: "В этом заказе нет товаров, которые можно вернуть.",
    reason_label: "Причина возврата",
    reason_choose: "Выберите причину",
    comment_label: "Комментарий (необязательно)",
    photos_label: "Фото (необязательно)",
    photos_hint: "До 3 фото: JPEG, PNG или WebP, до 10 МБ каждое.",
    refund_legend: "Куда вернуть деньги",
    refund_wallet: "На Rynok Счёт — сразу после приёма",
    refund_card: "На карту, которой оплачен заказ — до 10 дней",
    submit: "Оформить возврат",
    how: "После оформления сдайте товар в любой пункт выдачи Rynok и назовите код возврата.",
    section_title: "Возвраты",
    start: "Вернуть товары",
    number: "Возврат № {}",
    code: "Код возврата",
    code_hint: "Сдайте товар в любой пункт выдачи до {} и назовите этот код. Иначе заявка отменится; пока срок возврата не прошёл, её можно оформить заново.",
    barcode_label: "Штрихкод возврата",
    photo_alt: "Фото к возврату № {}",
    refunded_wallet: "{} вернули на Rynok Счёт",
    refunded_card: "{} возвращаем на карту",
    points_back: "Вернули баллов: {}",
    points_taken: "Списано начисленных баллов: {}",
    cancel: "Отменить возврат",
    created: "Оформлен {}",
    st_created: "Ждёт сдачи в пункт выдачи",
    st_refunded: "Принят, деньги возвращены",
    st_cancelled: "Отменён",
    r_not_fit: "Не подошёл размер или фасон",
    r_changed_mind: "Передумал покупать",
    r_defect: "Брак или повреждение",
    r_wrong_item: "Привезли не тот товар",
    r_not_as_described: "Не соответствует описанию",
    point_title: "Приём возврата",
    point_code_label: "Код возврата",
    point_find: "Найти возврат",
    point_return: "Возврат № {} · заказ № {}",
    point_order: "Что принять",
    point_photos: "Фото от покупателя: {}",
    point_accept: "Принять возврат",
    point_accepted: "Возврат № {} принят, деньги возвращены покупателю.",
    point_nothing: "Возврата с таким кодом нет, или он уже принят.",
    err_select: "Отметьте товары, которые хотите вернуть.",
    err_not_returnable: "Этот товар уже нельзя вернуть: обновите страницу.",
    err_reason: "Выберите причину возврата.",
    err_comment_long: "Комментарий длиннее 1000 символов.",
    err_comment_chars: "В комментарии есть недопустимые символы.",
    err_photo_type: "Фото должно быть в формате JPEG, PNG или WebP.",
    err_photo_size: "Фото больше 10 МБ.",
    err_photo_many: "Можно приложить не больше 3 фото.",
    err_card_only: "Вернуть деньги на карту можно только за заказ, оплаченный картой.",
    err_closed: "Этот возврат уже принят или отменён.",
};

static EN: ReturnsDict = ReturnsDict {
    title: "Return goods",
    order_link: "Back to order No. {}",
    lines_legend: "What to return",
    until: "returnable until {}",
    kept_title: "Cannot be returned",
    kept_never: "goods of this category cannot be returned",
    kept_late: "the return period is over",
    nothing: "Nothing in this order can be returned.",
    reason_label: "Reason for the return",
    reason_choose: "Choose a reason",
    comment_label: "Comment (optional)",
    photos_label: "Photos (optional)",
    photos_hint: "Up to 3 photos: JPEG, PNG or WebP, up to 10 MB each.",
    refund_legend: "Where the money goes",
    refund_wallet: "To Rynok Account, as soon as it is accepted",
    refund_card: "To the card the order was paid with, within 10 days",
    submit: "Return",
    how: "Then drop the goods at any Rynok pickup point and give the return code.",
    section_title: "Returns",
    start: "Return goods",
    number: "Return No. {}",
    code: "Return code",
    code_hint: "Drop the goods at any pickup point by {} and give this code. Otherwise the return is cancelled; you can ask again while the return period lasts.",
    barcode_label: "Return barcode",
    photo_alt: "Photo for return No. {}",
    refunded_wallet: "{} went back to Rynok Account",
    refunded_card: "{} is going back to your card",
    points_back: "Points returned: {}",
    points_taken: "Points earned taken back: {}",
    cancel: "Cancel the return",
    created: "Registered {}",
    st_created: "Waiting to be dropped at a pickup point",
    st_refunded: "Accepted, money returned",
    st_cancelled: "Cancelled",
    r_not_fit: "Wrong size or fit",
    r_changed_mind: "Changed my mind",
    r_defect: "Faulty or damaged",
    r_wrong_item: "Not the product I ordered",
    r_not_as_described: "Not as described",
    point_title: "Accept a return",
    point_code_label: "Return code",
    point_find: "Find the return",
    point_return: "Return No. {} · order No. {}",
    point_order: "What to accept",
    point_photos: "Photos from the shopper: {}",
    point_accept: "Accept the return",
    point_accepted: "Return No. {} was accepted and the money returned to the shopper.",
    point_nothing: "No return has this code, or it was accepted already.",
    err_select: "Tick the goods you want to return.",
    err_not_returnable: "This item can no longer be returned: reload the page.",
    err_reason: "Choose a reason for the return.",
    err_comment_long: "The comment is longer than 1,000 characters.",
    err_comment_chars: "The comment has characters that are not allowed.",
    err_photo_type: "A photo must be a JPEG, PNG or WebP.",
    err_photo_size: "A photo is larger than 10 MB.",
    err_photo_many: "At most 3 photos can be attached.",
    err_card_only: "Money goes back to a card only for an order paid by card.",
    err_closed: "This return was accepted or cancelled already.",
};

impl Lang {
    pub fn returns(self) -> &'static ReturnsDict {
        match self {
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }
}

pub fn reason_text(lang: Lang, r: ReturnReason) -> &'static str {
    let d = lang.returns();
    match r {
        ReturnReason::NotFit => d.r_not_fit,
        ReturnReason::ChangedMind => d.r_changed_mind,
        ReturnReason::Defect => d.r_defect,
        ReturnReason::WrongItem => d.r_wrong_item,
        ReturnReason::NotAsDescribed => d.r_not_as_described,
    }
}

pub fn status_text(lang: Lang, s: ReturnStatus) -> &'static str {
    let d = lang.returns();
    match s {
        ReturnStatus::Created => d.st_created,
        ReturnStatus::Refunded => d.st_refunded,
        ReturnStatus::Cancelled => d.st_cancelled,
    }
}

/// The message for a refused return action, in the page's language.
pub fn error_text(lang: Lang, e: &AppError) -> String {
    let d = lang.returns();
    let text = match e {
        AppError::Invalid { field, message } => match (field, message) {
            (Field::Selected, Problem::Required) => d.err_select,
            (Field::Selected, Problem::NotReturnable) => d.err_not_returnable,
            (Field::Reason, _) => d.err_reason,
            (Field::Comment, Problem::TooLong) => d.err_comment_long,
            (Field::Comment, _) => d.err_comment_chars,
            (Field::Photo, Problem::TooLarge) => d.err_photo_size,
            (Field::Photo, Problem::TooMany) => d.err_photo_many,
            (Field::Photo, _) => d.err_photo_type,
            (Field::Request, Problem::Rejected) => d.err_card_only,
            (Field::Request, Problem::Refused) => d.err_closed,
            _ => return crate::orders::i18n::error_text(lang, e),
        },
        _ => return crate::orders::i18n::error_text(lang, e),
    };
    text.to_string()
}

/// The message for a refused action on the pickup point's return form.
pub fn point_error_text(lang: Lang, e: &AppError) -> String {
    match e {
        AppError::NotFound => lang.returns().point_nothing.to_string(),
        AppError::Forbidden => crate::orders::i18n::pickup_error_text(lang, e),
        _ => error_text(lang, e),
    }
}
