-- Rynok ID: accounts, sessions, sign-in attempts, send limits, the security log,
-- the Security feed, the development outbox and the first-order discount.
-- Times are milliseconds since the Unix epoch, from the application's clock.

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    phone TEXT UNIQUE,
    email TEXT UNIQUE,
    email_verified_at BIGINT,
    last_name TEXT NOT NULL DEFAULT '',
    first_name TEXT NOT NULL DEFAULT '',
    middle_name TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    newsletter BIGINT NOT NULL DEFAULT 0,
    terms_accepted_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    deleted_at BIGINT
);

CREATE TABLE sessions (
    id BIGSERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    user_agent TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    ended_at BIGINT
);
CREATE INDEX sessions_user ON sessions(user_id, ended_at);

-- One sign-in attempt: the browser holds a random token (HttpOnly cookie); the code
-- is bound to the attempt and stored as an HMAC.
CREATE TABLE signin_attempts (
    id BIGSERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    channel TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    code_expires_at BIGINT NOT NULL,
    failures BIGINT NOT NULL DEFAULT 0,
    sends BIGINT NOT NULL DEFAULT 1,
    last_sent_at BIGINT NOT NULL,
    verified_at BIGINT,
    consumed_at BIGINT,
    created_at BIGINT NOT NULL,
    ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX signin_attempts_target ON signin_attempts(target, created_at);

-- Every code sent, for the limits per number, per IP and per number prefix.
CREATE TABLE code_sends (
    id BIGSERIAL PRIMARY KEY,
    target TEXT NOT NULL,
    prefix TEXT NOT NULL,
    ip TEXT NOT NULL,
    sent_at BIGINT NOT NULL
);
CREATE INDEX code_sends_target ON code_sends(target, sent_at);
CREATE INDEX code_sends_prefix ON code_sends(prefix, sent_at);
CREATE INDEX code_sends_ip ON code_sends(ip, sent_at);

CREATE TABLE security_events (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
CREATE INDEX security_events_user ON security_events(user_id, at);

-- The account's Security messages (the chat will show them as its Security tab).
CREATE TABLE security_messages (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX security_messages_user ON security_messages(user_id, at);

-- What the development outbox "delivered" (only written when APP_ENV is dev or test).
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE user_discounts (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    percent BIGINT NOT NULL,
    max_amount BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at BIGINT,
    UNIQUE (user_id, kind)
);

-- A cart belongs to a guest token (its hash) or to an account ("user:<id>").
ALTER TABLE carts RENAME COLUMN token_hash TO owner_key;
