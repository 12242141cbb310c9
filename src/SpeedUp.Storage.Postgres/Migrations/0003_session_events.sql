-- The session-event outbox (written in the transaction of each state change), extensions of sessions, and webhook
-- sinks with their deliveries. Events are appended under a transaction-level advisory lock, so sequence order is
-- commit order and a reader that remembers the last sequence it saw misses nothing.

CREATE TABLE session_events (
    seq bigserial PRIMARY KEY,
    event_id text NOT NULL UNIQUE,
    kind text NOT NULL,
    occurred_at timestamptz NOT NULL,
    customer_id text NULL,
    session_id text NOT NULL,
    band_id bigint NOT NULL,
    direction text NOT NULL,
    state text NOT NULL,
    end_reason text NOT NULL,
    target_kbps bigint NOT NULL,
    original_kbps bigint NOT NULL,
    scene text NOT NULL,
    started_at timestamptz NOT NULL,
    due_at timestamptz NOT NULL,
    ended_at timestamptz NULL
);
CREATE INDEX ix_session_events_customer ON session_events (customer_id, seq);
CREATE INDEX ix_session_events_occurred ON session_events (occurred_at);

CREATE TABLE session_event_horizon (
    id integer PRIMARY KEY CHECK (id = 1),
    pruned_through bigint NOT NULL
);
INSERT INTO session_event_horizon (id, pruned_through) VALUES (1, 0);

CREATE TABLE session_extensions (
    session_id text NOT NULL,
    customer_id text NOT NULL,
    client_request_id text NULL,
    request_hash text NULL,
    added_minutes integer NOT NULL,
    due_before timestamptz NOT NULL,
    due_after timestamptz NOT NULL,
    extended_at timestamptz NOT NULL
);
CREATE INDEX ix_session_extensions_session ON session_extensions (session_id);
CREATE UNIQUE INDEX ux_session_extensions_request ON session_extensions (customer_id, client_request_id) WHERE client_request_id IS NOT NULL;

CREATE TABLE webhook_sinks (
    id text PRIMARY KEY,
    customer_id text NOT NULL,
    url text NOT NULL,
    secret bytea NOT NULL,
    created_at timestamptz NOT NULL,
    after_seq bigint NOT NULL
);
CREATE INDEX ix_webhook_sinks_customer ON webhook_sinks (customer_id);

CREATE TABLE webhook_deliveries (
    sink_id text NOT NULL,
    seq bigint NOT NULL,
    state text NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    last_attempt_at timestamptz NULL,
    last_status integer NULL,
    last_error text NULL,
    claimed_by text NULL,
    claim_until timestamptz NULL,
    PRIMARY KEY (sink_id, seq)
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_sink_state ON webhook_deliveries (sink_id, state);
