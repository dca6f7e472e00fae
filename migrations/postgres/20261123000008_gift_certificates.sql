-- Gift certificates (app/src/wallet/certificates). Only a code's SHA-256 is kept,
-- with its last four characters for the holder's history. Issuing moves the value
-- from certificate_sales to certificates (outstanding) in the ledger; activating
-- moves it from there to the shopper's wallet, once.
CREATE TABLE gift_certificates (
    id BIGSERIAL PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    last4 TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    -- Who issued it and why: "cli", later "order:42".
    source TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    -- The last moment it can be activated (a year after issue).
    expires_at BIGINT NOT NULL,
    activated_by BIGINT,
    activated_at BIGINT,
    CHECK ((activated_by IS NULL) = (activated_at IS NULL))
);
CREATE INDEX gift_certificates_activated ON gift_certificates(activated_by, activated_at);

-- Wrong codes entered, counted per account and per client address against guessing.
CREATE TABLE certificate_failures (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    client TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX certificate_failures_user ON certificate_failures(user_id, at);
CREATE INDEX certificate_failures_client ON certificate_failures(client, at);
