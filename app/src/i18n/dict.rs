//! The shop's common strings, one field each, and the plural forms.

use super::lang::Lang;

/// The three plural forms Russian needs (English uses `one` and `many`).
pub struct Forms {
    pub one: &'static str,
    pub few: &'static str,
    pub many: &'static str,
}

impl Forms {
    /// "1 товар", "2 товара", "5 товаров".
    pub fn count(&self, lang: Lang, n: u64) -> String {
        format!(
            "{} {}",
            crate::shared::money::group_digits(n),
            self.pick(lang, n)
        )
    }

    pub fn pick(&self, lang: Lang, n: u64) -> &'static str {
        match lang {
            Lang::Ru => {
                let (m10, m100) = (n % 10, n % 100);
                if m10 == 1 && m100 != 11 {
                    self.one
                } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                    self.few
                } else {
                    self.many
                }
            }
            Lang::En => {
                if n == 1 {
                    self.one
                } else {
                    self.many
                }
            }
        }
    }
}

/// Every sentence the interface shows.
pub struct Dict {
    pub site_title: &'static str,
    pub tagline: &'static str,
    pub catalogue: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub suggestions: &'static str,
    /// Asks a guest to sign in before a page that needs an account.
    pub sign_in_needed: &'static str,
    pub sign_in: &'static str,
    pub close: &'static str,
    pub account: &'static str,
    pub messages: &'static str,
    pub favourites: &'static str,
    pub cart: &'static str,
    pub switch_language: &'static str,
    pub other_language_name: &'static str,
    pub main_navigation: &'static str,
    pub popular_categories: &'static str,
    pub recommended: &'static str,
    pub home: &'static str,
    pub filters: &'static str,
    pub price: &'static str,
    pub price_from: &'static str,
    pub price_to: &'static str,
    pub brand: &'static str,
    pub in_stock_only: &'static str,
    pub rating_4_plus: &'static str,
    pub apply: &'static str,
    pub reset: &'static str,
    pub sort_by: &'static str,
    pub sort_popular: &'static str,
    pub sort_cheap: &'static str,
    pub sort_dear: &'static str,
    pub sort_rating: &'static str,
    pub sort_new: &'static str,
    pub found: &'static str,
    pub products: Forms,
    pub reviews: Forms,
    pub pieces: &'static str,
    pub nothing_found: &'static str,
    pub nothing_found_hint: &'static str,
    pub search_results_for: &'static str,
    pub prev_page: &'static str,
    pub next_page: &'static str,
    pub page: &'static str,
    pub pagination: &'static str,
    pub bad_price: &'static str,
    pub bad_page: &'static str,
    pub bad_sort: &'static str,
    pub bad_brand: &'static str,
    pub query_too_long: &'static str,
    pub price_range_swapped: &'static str,
    pub characteristics: &'static str,
    pub description: &'static str,
    pub seller: &'static str,
    /// The seller ships it from its own warehouse.
    pub seller_ships: &'static str,
    pub in_stock: &'static str,
    pub out_of_stock: &'static str,
    /// Asks to be told when a product is back in stock.
    pub notify_back: &'static str,
    pub alert_set: &'static str,
    pub price_follow: &'static str,
    pub price_unfollow: &'static str,
    pub price_alert_set: &'static str,
    pub rating: &'static str,
    pub bought_times: &'static str,
    pub quantity: &'static str,
    pub add_to_cart: &'static str,
    pub added_to_cart: &'static str,
    pub go_to_cart: &'static str,
    pub share: &'static str,
    pub link_copied: &'static str,
    pub product_link: &'static str,
    pub discount: &'static str,
    pub old_price: &'static str,
    pub gallery: &'static str,
    pub image_of: &'static str,
    pub cart_empty: &'static str,
    pub cart_empty_hint: &'static str,
    pub select_item: &'static str,
    pub remove: &'static str,
    pub decrease: &'static str,
    pub increase: &'static str,
    pub update: &'static str,
    pub items_total: &'static str,
    pub to_pay: &'static str,
    pub checkout: &'static str,
    pub your_order: &'static str,
    pub nothing_selected: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,
    pub to_home: &'static str,
    pub stock_limit: &'static str,
    pub quantity_invalid: &'static str,
    pub forbidden: &'static str,
    pub network_error: &'static str,
    pub unavailable: &'static str,
    pub loading: &'static str,
    pub skip_to_content: &'static str,
    pub sort_relevance: &'static str,
    pub breadcrumbs: &'static str,
    /// The inbox: what Rynok tells a shopper inside the app.
    pub notices_title: &'static str,
    pub notices_empty: &'static str,
    pub notices_mark_read: &'static str,
    pub notices_new: &'static str,
    pub notices_older: &'static str,
    /// "{} unread" after the messages link, for screen readers.
    pub notices_unread: &'static str,
    /// The account menu in the header.
    pub account_menu: &'static str,
    pub menu_my_data: &'static str,
    pub menu_wallet: &'static str,
    pub menu_points: &'static str,
    pub menu_orders: &'static str,
    pub menu_purchases: &'static str,
    pub favourites_title: &'static str,
    pub favourites_empty: &'static str,
    pub favourite_add: &'static str,
    pub favourite_on: &'static str,
    pub favourite_remove: &'static str,
    pub favourite_remove_label: &'static str,
    pub menu_card: &'static str,
    pub menu_security: &'static str,
    /// The header menu's links to the staff screens, for those who hold the role.
    pub menu_staff: &'static str,
    pub menu_desk_pickup: &'static str,
    pub menu_desk_seller: &'static str,
    pub menu_desk_support: &'static str,
}
