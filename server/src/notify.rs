//! The delivery adapters behind `app::notify::Notifier`, chosen by configuration.

mod gateway;
mod smtp;

use crate::config::Config;
use app::notify::{Delivery, outbox::Outbox};
use app::platform::clock::SharedClock;
use app::platform::db::Db;
use std::sync::Arc;

pub use gateway::Gateway;
pub use smtp::Smtp;

pub fn build(config: &Config, db: &Db, clock: &SharedClock) -> Result<Delivery, String> {
    let outbox = config.outbox.then(|| Outbox {
        db: db.clone(),
        clock: clock.clone(),
    });
    let email = match &config.smtp {
        Some(c) => Some(Arc::new(Smtp::new(c)?) as app::notify::SharedNotifier),
        None => None,
    };
    let phone = config
        .sms_gateway
        .as_ref()
        .map(|g| Arc::new(Gateway::new(g)) as app::notify::SharedNotifier);
    Ok(Delivery {
        outbox,
        phone,
        email,
    })
}
