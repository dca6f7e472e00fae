//! The YooKassa API v3 adapter (https://yookassa.ru/developers/api): HTTP Basic
//! authentication with the shop id and secret key, `POST /payments` with an
//! `Idempotence-Key`, `GET /payments/{id}`, `POST /refunds`. One-stage payments (`capture: true`)
//! confirmed by a redirect to the provider's page.

use app::payments::{
    NewPayment, NewRefund, PayFuture, Payment, PaymentError, PaymentGateway, PaymentStatus, Refund,
    RefundStatus,
};
use app::shared::money::Money;
use serde::{Deserialize, Serialize};

pub struct YooKassa {
    http: reqwest::Client,
    /// `https://api.yookassa.ru/v3`, or the stand-in's `.../dev/yookassa/v3`.
    base: String,
    shop_id: String,
    secret_key: String,
}

impl YooKassa {
    pub fn new(base: &str, shop_id: &str, secret_key: &str) -> Result<YooKassa, String> {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(15))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.to_string())?;
        Ok(YooKassa {
            http,
            base: base.trim_end_matches('/').to_string(),
            shop_id: shop_id.to_string(),
            secret_key: secret_key.to_string(),
        })
    }

    /// The API's answer read as `T`, or what went wrong: not found, out of reach
    /// (try again), or refused as asked.
    async fn read<T: serde::de::DeserializeOwned>(
        res: reqwest::Response,
    ) -> Result<T, PaymentError> {
        let status = res.status();
        if status == reqwest::StatusCode::NOT_FOUND {
            return Err(PaymentError::NotFound);
        }
        let body = res
            .text()
            .await
            .map_err(|e| PaymentError::Unavailable(e.to_string()))?;
        if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
            return Err(PaymentError::Unavailable(format!("{status}")));
        }
        if !status.is_success() {
            return Err(PaymentError::Refused(format!("{status}: {body}")));
        }
        serde_json::from_str(&body)
            .map_err(|e| PaymentError::Unavailable(format!("unreadable answer: {e}")))
    }

    async fn answer(res: reqwest::Response) -> Result<Payment, PaymentError> {
        Self::read::<ApiPayment>(res).await?.into_payment()
    }
}

/// A refund as the API writes it (the fields the shop reads).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiRefund {
    pub id: String,
    pub payment_id: String,
    pub status: String,
    pub amount: ApiAmount,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl ApiRefund {
    fn into_refund(self) -> Result<Refund, PaymentError> {
        let status = RefundStatus::parse(&self.status).ok_or_else(|| {
            PaymentError::Unavailable(format!("unknown refund status {:?}", self.status))
        })?;
        let amount = parse_value(&self.amount.value)
            .ok_or_else(|| PaymentError::Unavailable(format!("amount {:?}", self.amount.value)))?;
        Ok(Refund {
            id: self.id,
            status,
            amount,
        })
    }
}

/// A payment as the API writes it (the fields the shop reads).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiPayment {
    pub id: String,
    pub status: String,
    pub paid: bool,
    pub amount: ApiAmount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation: Option<ApiConfirmation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancellation_details: Option<ApiCancellation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub metadata: std::collections::BTreeMap<String, String>,
    pub created_at: String,
    #[serde(default)]
    pub test: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiAmount {
    /// "1500.00"
    pub value: String,
    pub currency: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiConfirmation {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiCancellation {
    pub party: String,
    pub reason: String,
}

/// "1500.00" from kopecks.
pub fn api_value(m: Money) -> String {
    format!("{}.{:02}", m.kopecks() / 100, m.kopecks() % 100)
}

/// Kopecks from "1500.00" (or "1500.5", "1500").
pub fn parse_value(v: &str) -> Option<Money> {
    let (whole, frac) = v.split_once('.').unwrap_or((v, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !(whole.bytes().chain(frac.bytes())).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let r: i64 = whole.parse().ok()?;
    let k: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    r.checked_mul(100)?.checked_add(k).map(Money::from_kopecks)
}

impl ApiPayment {
    fn into_payment(self) -> Result<Payment, PaymentError> {
        let status = PaymentStatus::parse(&self.status).ok_or_else(|| {
            PaymentError::Unavailable(format!("unknown status {:?}", self.status))
        })?;
        if self.amount.currency != "RUB" {
            return Err(PaymentError::Refused(format!(
                "currency {}",
                self.amount.currency
            )));
        }
        let amount = parse_value(&self.amount.value)
            .ok_or_else(|| PaymentError::Unavailable(format!("amount {:?}", self.amount.value)))?;
        Ok(Payment {
            id: self.id,
            status,
            amount,
            confirmation_url: self.confirmation.and_then(|c| c.confirmation_url),
            cancellation_reason: self.cancellation_details.map(|c| c.reason),
            reference: self.metadata.get("reference").cloned(),
        })
    }
}

impl PaymentGateway for YooKassa {
    fn create<'a>(&'a self, p: &'a NewPayment) -> PayFuture<'a, Payment> {
        Box::pin(async move {
            let body = serde_json::json!({
                "amount": { "value": api_value(p.amount), "currency": "RUB" },
                "capture": true,
                "confirmation": { "type": "redirect", "return_url": p.return_url },
                "description": p.description,
                "metadata": { "reference": p.reference },
            });
            let res = self
                .http
                .post(format!("{}/payments", self.base))
                .basic_auth(&self.shop_id, Some(&self.secret_key))
                .header("Idempotence-Key", &p.idempotence_key)
                .json(&body)
                .send()
                .await
                .map_err(|e| PaymentError::Unavailable(e.to_string()))?;
            Self::answer(res).await
        })
    }

    fn get<'a>(&'a self, id: &'a str) -> PayFuture<'a, Payment> {
        Box::pin(async move {
            if id.is_empty()
                || id.len() > 64
                || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            {
                return Err(PaymentError::NotFound);
            }
            let res = self
                .http
                .get(format!("{}/payments/{id}", self.base))
                .basic_auth(&self.shop_id, Some(&self.secret_key))
                .send()
                .await
                .map_err(|e| PaymentError::Unavailable(e.to_string()))?;
            Self::answer(res).await
        })
    }

    fn refund<'a>(&'a self, r: &'a NewRefund) -> PayFuture<'a, Refund> {
        Box::pin(async move {
            let body = serde_json::json!({
                "payment_id": r.payment_id,
                "amount": { "value": api_value(r.amount), "currency": "RUB" },
                "description": r.description,
            });
            let res = self
                .http
                .post(format!("{}/refunds", self.base))
                .basic_auth(&self.shop_id, Some(&self.secret_key))
                .header("Idempotence-Key", &r.idempotence_key)
                .json(&body)
                .send()
                .await
                .map_err(|e| PaymentError::Unavailable(e.to_string()))?;
            Self::read::<ApiRefund>(res).await?.into_refund()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_as_the_api_writes_them() {
        assert_eq!(api_value(Money::from_kopecks(150_005)), "1500.05");
        assert_eq!(parse_value("1500.05"), Some(Money::from_kopecks(150_005)));
        assert_eq!(parse_value("1500.5"), Some(Money::from_kopecks(150_050)));
        assert_eq!(parse_value("1500"), Some(Money::from_roubles(1500)));
        assert_eq!(parse_value("-1"), None);
        assert_eq!(parse_value("1.234"), None);
        assert_eq!(parse_value("1e3"), None);
    }
}
