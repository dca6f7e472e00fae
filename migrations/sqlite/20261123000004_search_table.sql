-- Postgres moves what a search reads of each match into a narrow table of its own.
-- SQLite already reads it from the narrow `products_hit` index, so it needs none;
-- this file keeps the two histories in step.
SELECT 1;
