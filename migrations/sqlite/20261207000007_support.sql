-- Support requests (app/src/chat/support): a shopper's numbered request on a
-- topic, perhaps about one of their orders, answered by agents; its messages
-- (the shopper's, agents', support's automatic reply out of hours, and agents'
-- internal notes); and each year's last number. Times are Unix ms.
CREATE TABLE support_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- "26-000123": the year and its sequence
    number TEXT NOT NULL UNIQUE,
    shopper_id INTEGER NOT NULL,
    -- order, return, payment, account, other
    topic TEXT NOT NULL,
    order_id INTEGER REFERENCES orders(id),
    -- open, waiting, answered, closed
    status TEXT NOT NULL,
    -- the agent (an account) who took it
    agent_id INTEGER,
    -- since when the shopper waits for an agent's answer (the queue's order)
    waiting_since INTEGER,
    -- the last message the shopper has read (an id)
    shopper_read INTEGER NOT NULL DEFAULT 0,
    -- the last agent's message the shopper was emailed about (unread 15 minutes)
    emailed_upto INTEGER NOT NULL DEFAULT 0,
    -- 1 to 5, given once it is closed
    rating INTEGER,
    last_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX support_requests_shopper ON support_requests(shopper_id, last_at);
CREATE INDEX support_requests_queue ON support_requests(status, waiting_since);

CREATE TABLE support_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id INTEGER NOT NULL REFERENCES support_requests(id),
    -- shopper, agent, auto, note
    author TEXT NOT NULL,
    author_id INTEGER,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX support_messages_request ON support_messages(request_id, id);
CREATE INDEX support_messages_author ON support_messages(author_id, created_at);

CREATE TABLE support_numbers (
    year INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL
);
