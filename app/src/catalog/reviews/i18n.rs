//! Reviews' strings on the product page, Russian first.

use crate::catalog::reviews::model::ReviewSort;
use crate::i18n::Lang;

pub struct ReviewsDict {
    pub title: &'static str,
    pub none: &'static str,
    pub sort_label: &'static str,
    pub stars: &'static str,
    pub anonymous: &'static str,
    pub photo_alt: &'static str,
    pub by_stars: &'static str,
    pub how_to: &'static str,
}

static RU: ReviewsDict = ReviewsDict {
    title: "Отзывы",
    none: "Отзывов пока нет.",
    sort_label: "Сначала",
    stars: "Оценка {} из 5",
    anonymous: "Покупатель Rynok",
    photo_alt: "Фото покупателя к отзыву",
    by_stars: "{} звёзд: {}",
    how_to: "Отзыв может оставить покупатель, получивший товар: на странице заказа.",
};

static EN: ReviewsDict = ReviewsDict {
    title: "Reviews",
    none: "No reviews yet.",
    sort_label: "Show first",
    stars: "Rated {} out of 5",
    anonymous: "A Rynok shopper",
    photo_alt: "A shopper's photo for the review",
    by_stars: "{} stars: {}",
    how_to: "Shoppers who received the product review it from their order's page.",
};

impl Lang {
    pub fn reviews(self) -> &'static ReviewsDict {
        match self {
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }
}

pub fn sort_text(lang: Lang, s: ReviewSort) -> &'static str {
    match (lang, s) {
        (Lang::Ru, ReviewSort::New) => "новые",
        (Lang::Ru, ReviewSort::Best) => "положительные",
        (Lang::Ru, ReviewSort::Worst) => "отрицательные",
        (Lang::En, ReviewSort::New) => "newest",
        (Lang::En, ReviewSort::Best) => "highest rated",
        (Lang::En, ReviewSort::Worst) => "lowest rated",
    }
}

/// The agents' screen of held reviews.
pub struct ModerationDict {
    pub tab: &'static str,
    pub hint: &'static str,
    pub empty: &'static str,
    pub stars: &'static str,
    pub publish: &'static str,
    pub reject: &'static str,
    pub reason: &'static str,
    pub agents_only: &'static str,
    pub err_reason: &'static str,
    pub err_reason_long: &'static str,
    pub err_decided: &'static str,
}

static MOD_RU: ModerationDict = ModerationDict {
    tab: "Отзывы",
    hint: "Отзывы с контактами или ссылками ждут проверки. Опубликуйте отзыв или отклоните его с причиной: автор её увидит.",
    empty: "Отзывов на проверке нет.",
    stars: "{} из 5",
    publish: "Опубликовать",
    reject: "Отклонить",
    reason: "Причина отказа",
    agents_only: "Этот раздел — для сотрудников поддержки.",
    err_reason: "Напишите причину: автор отзыва её увидит.",
    err_reason_long: "Причина длиннее 500 символов.",
    err_decided: "Этот отзыв уже проверен или изменён.",
};

static MOD_EN: ModerationDict = ModerationDict {
    tab: "Reviews",
    hint: "Reviews with contact details or links wait for a check. Publish a review or reject it with a reason: its author will see it.",
    empty: "No reviews are waiting.",
    stars: "{} out of 5",
    publish: "Publish",
    reject: "Reject",
    reason: "Reason for rejecting",
    agents_only: "This section is for support agents.",
    err_reason: "Give a reason: the review's author will see it.",
    err_reason_long: "The reason is longer than 500 characters.",
    err_decided: "This review has been checked or changed already.",
};

impl Lang {
    pub fn moderation(self) -> &'static ModerationDict {
        match self {
            Lang::Ru => &MOD_RU,
            Lang::En => &MOD_EN,
        }
    }
}
