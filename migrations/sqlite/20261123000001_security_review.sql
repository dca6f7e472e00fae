-- The security review of Rynok ID (2026-11-23).

-- Sends are counted per country too (budgets against SMS pumping); '' for emails.
ALTER TABLE code_sends ADD COLUMN country TEXT NOT NULL DEFAULT '';
CREATE INDEX code_sends_country ON code_sends(country, sent_at);
CREATE INDEX code_sends_at ON code_sends(sent_at);

-- A first-order discount is granted once per phone number, ever: the number's keyed
-- hash survives the account's deletion, the number itself does not.
CREATE TABLE discount_grants (
    kind TEXT NOT NULL,
    subject_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (kind, subject_hash)
);

-- A live sign-in code shown in the account's Security messages is kept encrypted
-- (key from APP_SECRET) and erased when its attempt is used, given a new code or expires.
ALTER TABLE security_messages ADD COLUMN secret TEXT;
ALTER TABLE security_messages ADD COLUMN secret_expires_at INTEGER;
ALTER TABLE security_messages ADD COLUMN attempt_id INTEGER;
CREATE INDEX security_messages_attempt ON security_messages(attempt_id);

-- When this session last proved the account's phone afresh (adding a way to sign in needs it).
ALTER TABLE sessions ADD COLUMN reauth_at INTEGER;
