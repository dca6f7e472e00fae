-- Rynok Card applications (app/src/wallet/card). Passport, INN and SNILS are kept
-- encrypted (AES-256-GCM, key from APP_SECRET, bound to the account); the code word
-- only as an Argon2 hash.
CREATE TABLE card_applications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    -- awaiting_code, submitted, under_review, approved, declined, active, closed
    status TEXT NOT NULL,
    email TEXT NOT NULL,
    code_word_hash TEXT NOT NULL,
    last_name TEXT NOT NULL,
    first_name TEXT NOT NULL,
    middle_name TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    passport_sealed TEXT NOT NULL,
    issue_date TEXT NOT NULL,
    issuer_code TEXT NOT NULL,
    -- inn or snils
    document_kind TEXT NOT NULL,
    document_sealed TEXT NOT NULL,
    salt TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    code_expires_at INTEGER NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    last4 TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX card_applications_user ON card_applications(user_id, id);
CREATE INDEX card_applications_status ON card_applications(status, updated_at);

CREATE TABLE card_application_events (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES card_applications(id),
    status TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX card_application_events_application ON card_application_events(application_id, id);
