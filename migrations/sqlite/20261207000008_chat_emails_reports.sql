-- Chat, more: a message left unread for 15 minutes is emailed to the shopper (a verified
-- address, unless they turned it off in "My data"): the account's choice, and the
-- last message of each dialog it was emailed about.
ALTER TABLE users ADD COLUMN chat_emails INTEGER NOT NULL DEFAULT 1;
ALTER TABLE dialogs ADD COLUMN emailed_upto INTEGER NOT NULL DEFAULT 0;
-- A shopper reports a seller's message to support (once); support reviews the
-- messages held back: messages.held 1 waits for an agent, 2 an agent kept it
-- from the shopper, 0 delivered (never held, or let through).
ALTER TABLE messages ADD COLUMN reported_at INTEGER;
CREATE INDEX messages_held ON messages(held, id);

-- An image sent in a message (one per message), re-encoded as a JPEG without
-- metadata, and its thumbnail: served at /chat/image/<token> (a random token, not
-- an id that can be guessed or listed) to the dialog's two sides only.
CREATE TABLE message_images (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id INTEGER NOT NULL REFERENCES messages(id),
    token TEXT NOT NULL UNIQUE,
    image BLOB NOT NULL,
    thumb BLOB NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX message_images_message ON message_images(message_id);
