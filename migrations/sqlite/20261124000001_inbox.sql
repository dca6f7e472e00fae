-- The inbox (app/src/inbox): what Rynok tells a shopper inside the app, such as a
-- withdrawal paid or a top-up declined. Written in the same transaction as the
-- change it tells about, once per (topic, subject, status); the text is kept in
-- both languages because it is composed when the change happens.
CREATE TABLE notices (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    topic TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    text_ru TEXT NOT NULL,
    text_en TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER
);
CREATE UNIQUE INDEX notices_once ON notices(topic, subject_id, status);
CREATE INDEX notices_user ON notices(user_id, id);
CREATE INDEX notices_unread ON notices(user_id) WHERE read_at IS NULL;

-- A Rynok Card can now be closed by its holder, so "closed" means that alone; a
-- draft replaced by a newer application (all that "closed" meant so far) is
-- "replaced".
UPDATE card_applications SET status = 'replaced' WHERE status = 'closed';
