-- A Security message is stored as what happened (a kind and its parameters, JSON),
-- and worded in the reader's language when shown. `body` keeps the text of the
-- messages written before this column existed.
ALTER TABLE security_messages ADD COLUMN notice TEXT;
