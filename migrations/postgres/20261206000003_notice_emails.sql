-- Notices about orders are emailed too, once each, by the background job after the
-- change they tell about has committed (app/src/inbox/service.rs, email_pending).
-- emailed_at: when the job dealt with a notice (sent, or nothing to send: another
-- topic, no verified email). Notices kept before this are dealt with already.
ALTER TABLE notices ADD COLUMN emailed_at BIGINT;
UPDATE notices SET emailed_at = created_at;
CREATE INDEX notices_unmailed ON notices(id) WHERE emailed_at IS NULL;
