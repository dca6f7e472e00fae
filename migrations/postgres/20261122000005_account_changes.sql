-- Changes to an account that need a code: adding an email, changing the phone (with
-- the 14-day path when the old number is lost), deleting the profile.
CREATE TABLE account_changes (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- email | phone | phone_lost | delete
    kind TEXT NOT NULL,
    -- where the current code went, and the new phone or email being proven
    code_target TEXT NOT NULL,
    new_value TEXT NOT NULL DEFAULT '',
    -- old (proving the current number) | new (proving the new value) | waiting (14 days) | done | cancelled
    state TEXT NOT NULL,
    salt TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    code_expires_at BIGINT NOT NULL,
    failures BIGINT NOT NULL DEFAULT 0,
    last_sent_at BIGINT NOT NULL,
    due_at BIGINT,
    detail TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX account_changes_user ON account_changes(user_id, state);
CREATE INDEX account_changes_due ON account_changes(state, due_at);

-- Lost phone and no email: a request for support to handle by hand.
CREATE TABLE recovery_requests (
    id BIGSERIAL PRIMARY KEY,
    full_name TEXT NOT NULL,
    old_phone TEXT NOT NULL,
    new_phone TEXT NOT NULL,
    order_number TEXT NOT NULL,
    ip TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new'
);
CREATE INDEX recovery_requests_ip ON recovery_requests(ip, created_at);

-- Why people leave (no personal data).
CREATE TABLE deletion_reasons (
    id BIGSERIAL PRIMARY KEY,
    reason TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
