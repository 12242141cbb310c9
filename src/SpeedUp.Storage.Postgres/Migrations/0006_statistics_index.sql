-- The daily statistics read four columns of a customer's sessions in a range (customer_id, started_at, end_reason,
-- state). With a million stored sessions PostgreSQL scanned the whole table for them (half its rows matched one
-- customer: cheaper than fetching each row through ix_sessions_customer_started). This covering index answers them
-- from the index alone (an index-only scan over the pages autovacuum has marked all-visible) and replaces
-- ix_sessions_customer_started, whose columns it leads with, so the detail export's range look-up uses it the same way.
-- Built in the migration's transaction: writes to sessions wait while it builds (docs/reliability.md, "Upgrading").

CREATE INDEX IF NOT EXISTS ix_sessions_customer_day ON sessions (customer_id, started_at) INCLUDE (end_reason, state);
DROP INDEX IF EXISTS ix_sessions_customer_started;
