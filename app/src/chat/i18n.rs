//! The chat's strings, Russian first. `Lang::chat()` picks one.

use crate::i18n::Lang;
use crate::shared::error::{AppError, Field, Problem};

pub struct ChatDict {
    pub title: &'static str,
    pub tab_sellers: &'static str,
    pub tab_buyers: &'static str,
    pub tab_notices: &'static str,
    pub tab_security: &'static str,
    pub tabs_label: &'static str,
    pub empty: &'static str,
    pub empty_buyers: &'static str,
    pub unread: &'static str,
    pub all_dialogs: &'static str,
    pub about_product: &'static str,
    pub about_order: &'static str,
    pub scam_banner: &'static str,
    pub you: &'static str,
    pub read: &'static str,
    pub sent: &'static str,
    pub held: &'static str,
    pub older: &'static str,
    pub text_label: &'static str,
    pub send: &'static str,
    pub refresh: &'static str,
    pub block: &'static str,
    pub unblock: &'static str,
    pub blocked: &'static str,
    pub blocked_seller: &'static str,
    pub write_seller: &'static str,
    pub no_messages: &'static str,
    pub err_empty: &'static str,
    pub err_long: &'static str,
    pub err_chars: &'static str,
    pub err_blocked: &'static str,
    pub err_often: &'static str,
    pub err_not_found: &'static str,
}

const RU: ChatDict = ChatDict {
    title: "Сообщения",
    tab_sellers: "Продавцы",
    tab_buyers: "Покупатели",
    tab_notices: "Уведомления",
    tab_security: "Безопасность",
    tabs_label: "Разделы сообщений",
    empty: "Здесь будут ваши диалоги с продавцами. Написать продавцу можно со страницы товара или заказа.",
    empty_buyers: "Покупатели пока ничего не спрашивали.",
    unread: "Непрочитанных: {}",
    all_dialogs: "Все сообщения",
    about_product: "Товар: {}",
    about_order: "Заказ № {}",
    scam_banner: "Rynok никогда не просит коды из SMS, данные карты или оплату в чате. Не сообщайте их никому.",
    you: "Вы",
    read: "Прочитано",
    sent: "Отправлено",
    held: "Не доставлено: сообщение на проверке у поддержки",
    older: "Раньше",
    text_label: "Сообщение",
    send: "Отправить",
    refresh: "Обновить",
    block: "Не получать сообщения от продавца",
    unblock: "Снова получать сообщения от продавца",
    blocked: "Вы остановили сообщения от этого продавца.",
    blocked_seller: "Покупатель остановил сообщения в этом диалоге.",
    write_seller: "Написать продавцу",
    no_messages: "Сообщений пока нет. Задайте вопрос продавцу.",
    err_empty: "Напишите сообщение.",
    err_long: "Сообщение длиннее 1000 символов.",
    err_chars: "В сообщении есть недопустимые символы.",
    err_blocked: "Покупатель остановил сообщения: отправить нельзя.",
    err_often: "Слишком много сообщений подряд. Подождите минуту.",
    err_not_found: "Диалог не найден.",
};

const EN: ChatDict = ChatDict {
    title: "Messages",
    tab_sellers: "Sellers",
    tab_buyers: "Buyers",
    tab_notices: "Notices",
    tab_security: "Security",
    tabs_label: "Message sections",
    empty: "Your dialogs with sellers will be here. Write to a seller from a product's or an order's page.",
    empty_buyers: "No buyer has asked anything yet.",
    unread: "Unread: {}",
    all_dialogs: "All messages",
    about_product: "Product: {}",
    about_order: "Order No. {}",
    scam_banner: "Rynok never asks for codes from texts, card details or payment in a chat. Give them to no one.",
    you: "You",
    read: "Read",
    sent: "Sent",
    held: "Not delivered: support is reviewing the message",
    older: "Earlier",
    text_label: "Message",
    send: "Send",
    refresh: "Refresh",
    block: "Stop the seller's messages",
    unblock: "Let the seller's messages through again",
    blocked: "You stopped this seller's messages.",
    blocked_seller: "The buyer stopped messages in this dialog.",
    write_seller: "Write to the seller",
    no_messages: "No messages yet. Ask the seller.",
    err_empty: "Write a message.",
    err_long: "The message is longer than 1,000 characters.",
    err_chars: "The message has characters that are not allowed.",
    err_blocked: "The buyer stopped messages: it cannot be sent.",
    err_often: "Too many messages in a row. Wait a minute.",
    err_not_found: "The dialog is not found.",
};

impl Lang {
    pub fn chat(self) -> &'static ChatDict {
        match self {
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }
}

/// The message for a refused chat action, in the page's language.
pub fn error_text(lang: Lang, e: &AppError) -> String {
    let d = lang.chat();
    let text = match e {
        AppError::Invalid {
            field: Field::Message,
            message,
        } => match message {
            Problem::Empty => d.err_empty,
            Problem::TooLong => d.err_long,
            Problem::Refused => d.err_blocked,
            _ => d.err_chars,
        },
        AppError::TooManyRequests { .. } => d.err_often,
        AppError::NotFound => d.err_not_found,
        _ => return crate::account::account_error_text(lang, e),
    };
    text.to_string()
}
