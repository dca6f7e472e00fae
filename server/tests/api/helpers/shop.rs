//! Catalogue and cart steps.

use super::{Browser, serde_urlencoded_like};

impl Browser {
    pub async fn listing(&self, category: Option<&str>, query: &str) -> serde_json::Value {
        let mut params = vec![("query", query.to_string())];
        if let Some(c) = category {
            params.push(("category", c.to_string()));
        }
        let qs = serde_urlencoded_like(&params);
        self.api_json(&format!("catalog/listing?{qs}")).await
    }

    pub async fn cart(&self) -> serde_json::Value {
        self.api_json("cart").await
    }
}
