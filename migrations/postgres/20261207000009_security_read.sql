-- The Security chat counts in the header's badge: the last Security message the
-- account has seen. Accounts start with what they have as seen.
ALTER TABLE users ADD COLUMN security_read BIGINT NOT NULL DEFAULT 0;
UPDATE users SET security_read = COALESCE(
    (SELECT MAX(m.id) FROM security_messages m WHERE m.user_id = users.id), 0);
