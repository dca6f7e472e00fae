//! The strings of writing a review, Russian first. `Lang::write_review()` picks one.

use crate::i18n::Lang;

pub struct WriteReviewDict {
    pub section: &'static str,
    pub link: &'static str,
    pub title: &'static str,
    pub back: &'static str,
    pub rating: &'static str,
    pub stars: &'static str,
    pub text: &'static str,
    pub photos: &'static str,
    pub photos_hint: &'static str,
    pub submit: &'static str,
    pub err_rating: &'static str,
    pub err_twice: &'static str,
    pub err_long: &'static str,
    pub err_chars: &'static str,
    pub err_photo_size: &'static str,
    pub err_photo_many: &'static str,
    pub err_photo_type: &'static str,
    pub err_not_received: &'static str,
}

static RU: WriteReviewDict = WriteReviewDict {
    section: "Оцените покупки",
    link: "Оставить отзыв о «{}»",
    title: "Отзыв о товаре",
    back: "К заказу № {}",
    rating: "Оценка",
    stars: "{} из 5",
    text: "Достоинства, недостатки, впечатления (необязательно)",
    photos: "Фото (необязательно)",
    photos_hint: "До 3 фото: JPEG, PNG или WebP, до 10 МБ каждое. Их увидят все покупатели.",
    submit: "Опубликовать отзыв",
    err_rating: "Поставьте оценку от 1 до 5.",
    err_twice: "Вы уже оставили отзыв на этот товар из этого заказа.",
    err_long: "Отзыв длиннее 2000 символов.",
    err_chars: "В отзыве есть недопустимые символы.",
    err_photo_size: "Фото больше 10 МБ.",
    err_photo_many: "Можно приложить не больше 3 фото.",
    err_photo_type: "Фото должно быть в формате JPEG, PNG или WebP.",
    err_not_received: "Отзыв можно оставить на товар, который вы получили.",
};

static EN: WriteReviewDict = WriteReviewDict {
    section: "Rate your purchases",
    link: "Review «{}»",
    title: "Product review",
    back: "Back to order No. {}",
    rating: "Rating",
    stars: "{} out of 5",
    text: "Pros, cons, impressions (optional)",
    photos: "Photos (optional)",
    photos_hint: "Up to 3 photos: JPEG, PNG or WebP, up to 10 MB each. Every shopper will see them.",
    submit: "Publish the review",
    err_rating: "Give a rating from 1 to 5.",
    err_twice: "You have reviewed this product from this order already.",
    err_long: "The review is longer than 2,000 characters.",
    err_chars: "The review has characters that are not allowed.",
    err_photo_size: "A photo is larger than 10 MB.",
    err_photo_many: "At most 3 photos can be attached.",
    err_photo_type: "A photo must be a JPEG, PNG or WebP.",
    err_not_received: "You can review a product you received.",
};

impl Lang {
    pub fn write_review(self) -> &'static WriteReviewDict {
        match self {
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }
}
