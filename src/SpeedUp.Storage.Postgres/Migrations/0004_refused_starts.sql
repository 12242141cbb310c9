-- Starts refused before any session was journalled (no supply channel could serve the tier, every able channel was
-- full, none could read the line): the product counts them as failed calls, so the statistics and the detail export
-- read them beside the sessions. And the lookup of a customer's sessions and pre-checks by address (FindSessions).
-- 0003 belongs to the session-events work built on another branch; this script does not depend on it.

CREATE TABLE IF NOT EXISTS refused_starts (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    id text PRIMARY KEY,
    customer_id text NULL,
    band_id bigint NOT NULL,
    account text NOT NULL,
    carrier text NOT NULL,
    province text NOT NULL,
    direction text NOT NULL,
    target_kbps bigint NOT NULL,
    refused_at timestamptz NOT NULL,
    code text NOT NULL,
    message text NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_refused_starts_customer ON refused_starts (customer_id, refused_at);
CREATE INDEX IF NOT EXISTS ix_sessions_customer_address ON sessions (customer_id, ip_address, port, started_at);
CREATE INDEX IF NOT EXISTS ix_prechecks_customer_address ON prechecks (customer_id, ip_address, port);
