-- Reviews pass moderation (app/src/catalog/reviews): 'published' reviews are shown
-- and count in the product's rating; a text with contact details or a link is
-- 'held' until a support agent publishes it or rejects it with a reason the author
-- is told ('rejected'). The author may change a review (dated) or delete it.
ALTER TABLE reviews ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
ALTER TABLE reviews ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN edited_at INTEGER;
CREATE INDEX reviews_status ON reviews(status, id);
