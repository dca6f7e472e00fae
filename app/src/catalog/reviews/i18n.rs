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
