-- Rynok ID: accounts, sessions, sign-in attempts, send limits, the security log,
-- the Security feed, the development outbox and the first-order discount.
-- Times are milliseconds since the Unix epoch, from the application's clock.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    phone TEXT UNIQUE,
    email TEXT UNIQUE,
    email_verified_at INTEGER,
    last_name TEXT NOT NULL DEFAULT '',
    first_name TEXT NOT NULL DEFAULT '',
    middle_name TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    newsletter INTEGER NOT NULL DEFAULT 0,
    terms_accepted_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    deleted_at INTEGER
);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    user_agent TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    ended_at INTEGER
);
CREATE INDEX sessions_user ON sessions(user_id, ended_at);

-- One sign-in attempt: the browser holds a random token (HttpOnly cookie); the code
-- is bound to the attempt and stored as an HMAC.
CREATE TABLE signin_attempts (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    channel TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    code_expires_at INTEGER NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    sends INTEGER NOT NULL DEFAULT 1,
    last_sent_at INTEGER NOT NULL,
    verified_at INTEGER,
    consumed_at INTEGER,
    created_at INTEGER NOT NULL,
    ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX signin_attempts_target ON signin_attempts(target, created_at);

-- Every code sent, for the limits per number, per IP and per number prefix.
CREATE TABLE code_sends (
    id INTEGER PRIMARY KEY,
    target TEXT NOT NULL,
    prefix TEXT NOT NULL,
    ip TEXT NOT NULL,
    sent_at INTEGER NOT NULL
);
CREATE INDEX code_sends_target ON code_sends(target, sent_at);
CREATE INDEX code_sends_prefix ON code_sends(prefix, sent_at);
CREATE INDEX code_sends_ip ON code_sends(ip, sent_at);

CREATE TABLE security_events (
    id INTEGER PRIMARY KEY,
    user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    at INTEGER NOT NULL
);
CREATE INDEX security_events_user ON security_events(user_id, at);

-- The account's Security messages (the chat will show them as its Security tab).
CREATE TABLE security_messages (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    at INTEGER NOT NULL,
    read_at INTEGER
);
CREATE INDEX security_messages_user ON security_messages(user_id, at);

-- What the development outbox "delivered" (only written when APP_ENV is dev or test).
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE user_discounts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    percent INTEGER NOT NULL,
    max_amount INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER,
    UNIQUE (user_id, kind)
);

-- A cart belongs to a guest token (its hash) or to an account ("user:<id>").
ALTER TABLE carts RENAME COLUMN token_hash TO owner_key;
