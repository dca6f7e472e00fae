-- Returns not dropped off within their days are cancelled by the background job
-- (app/src/orders/returns/service.rs::expire_due): it reads the open ones, oldest
-- first.
CREATE INDEX returns_open ON returns(status, created_at);
