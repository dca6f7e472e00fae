-- SQLite gets a narrow index for the columns a search reads of each match
-- (catalog::repo::search_hits). Postgres reads them from the row it already visits
-- to check the match, so it needs none; this file keeps the two histories in step.
SELECT 1;
