-- "Sign in with ...": an account linked to a provider's subject, and sign-ins under way.
CREATE TABLE oidc_links (
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX oidc_links_user ON oidc_links(user_id);

-- One authorization request: its state (hashed), the PKCE verifier and nonce, the
-- browser it belongs to (the hash of a cookie token) and where to go afterwards.
CREATE TABLE oidc_flows (
    id INTEGER PRIMARY KEY,
    state_hash TEXT NOT NULL UNIQUE,
    browser_hash TEXT NOT NULL,
    provider TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    next TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX oidc_flows_created ON oidc_flows(created_at);
