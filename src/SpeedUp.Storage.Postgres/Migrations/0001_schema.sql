-- The schema of the SQLite store after all its migrations, in PostgreSQL types: times are timestamptz, money is
-- bigint 1/10000 CNY ("units"), flags are boolean, secrets bytea. Append new scripts; never edit a released one.

CREATE TABLE sessions (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    id text PRIMARY KEY,
    band_id bigint NOT NULL,
    account text NOT NULL,
    ip_address inet NOT NULL,
    port integer NOT NULL,
    carrier text NOT NULL,
    province text NOT NULL,
    channel text NOT NULL,
    direction text NOT NULL,
    target_kbps bigint NOT NULL,
    original_kbps bigint NOT NULL,
    scene text NOT NULL,
    started_at timestamptz NOT NULL,
    due_at timestamptz NOT NULL,
    state text NOT NULL,
    end_reason text NOT NULL,
    ended_at timestamptz NULL,
    last_error text NULL,
    customer_id text NULL,
    client_request_id text NULL,
    request_hash text NULL,
    uncertain_write boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX ux_sessions_open ON sessions (band_id, direction) WHERE state <> 'Ended';
CREATE INDEX ix_sessions_line ON sessions (band_id, direction, started_at);
CREATE INDEX ix_sessions_state_due ON sessions (state, due_at);
CREATE UNIQUE INDEX ux_sessions_client_request ON sessions (customer_id, client_request_id)
    WHERE client_request_id IS NOT NULL AND end_reason <> 'ApplyFailed';
CREATE INDEX ix_sessions_customer_started ON sessions (customer_id, started_at);
CREATE INDEX ix_sessions_uncertain ON sessions (ended_at) WHERE uncertain_write;

CREATE TABLE prechecks (
    customer_id text NOT NULL,
    band_id bigint NOT NULL,
    account text NOT NULL,
    ip_address inet NOT NULL,
    port integer NOT NULL,
    carrier text NOT NULL,
    province text NOT NULL,
    channel text NOT NULL,
    up_kbps bigint NOT NULL,
    down_kbps bigint NOT NULL,
    max_up_kbps bigint NOT NULL,
    max_down_kbps bigint NOT NULL,
    speed_up_permitted boolean NOT NULL,
    offer_ids bigint[] NOT NULL,
    checked_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (customer_id, band_id)
);

CREATE TABLE orders (
    order_id text PRIMARY KEY,
    customer_id text NULL,
    band_id bigint NOT NULL,
    offer_id bigint NOT NULL,
    direction text NOT NULL,
    bandwidth_mbps integer NOT NULL,
    product text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    frozen_units bigint NOT NULL,
    billing_month text NOT NULL,
    client_request_id text NULL,
    request_hash text NULL
);
CREATE UNIQUE INDEX ux_orders_client_request ON orders (customer_id, client_request_id) WHERE client_request_id IS NOT NULL;
CREATE INDEX ix_orders_line ON orders (customer_id, band_id, direction, expires_at);
CREATE INDEX ix_orders_month ON orders (billing_month, customer_id, direction, bandwidth_mbps, product);

CREATE TABLE customers (
    id text PRIMARY KEY,
    name text NOT NULL,
    subscribed boolean NOT NULL,
    balance_units bigint NOT NULL,
    frozen_units bigint NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE order_uses (
    session_id text NOT NULL,
    order_id text NOT NULL,
    position integer NOT NULL,
    reserved_minutes integer NOT NULL,
    PRIMARY KEY (session_id, order_id)
);
CREATE INDEX ix_order_uses_order ON order_uses (order_id);

CREATE TABLE settlements (
    customer_id text NOT NULL,
    month text NOT NULL,
    settled_at timestamptz NOT NULL,
    total_units bigint NOT NULL,
    frozen_units bigint NOT NULL,
    PRIMARY KEY (customer_id, month)
);
CREATE TABLE settlement_lines (
    customer_id text NOT NULL,
    month text NOT NULL,
    direction text NOT NULL,
    bandwidth_mbps integer NOT NULL,
    product text NOT NULL,
    volume bigint NOT NULL,
    unit_price_units bigint NOT NULL,
    total_units bigint NOT NULL,
    frozen_units bigint NOT NULL,
    PRIMARY KEY (customer_id, month, direction, bandwidth_mbps, product)
);

-- Access keys (secrets AES-GCM encrypted under the master key) and their audit log.
CREATE TABLE access_keys (
    id text PRIMARY KEY,
    customer_id text NULL,
    actions text[] NOT NULL,
    enabled boolean NOT NULL,
    description text NOT NULL,
    created_at timestamptz NOT NULL,
    rotated_at timestamptz NULL,
    secret bytea NOT NULL,
    previous_secret bytea NULL,
    previous_valid_until timestamptz NULL
);
CREATE INDEX ix_access_keys_customer ON access_keys (customer_id);
CREATE TABLE access_key_audit (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    key_id text NOT NULL,
    detail text NOT NULL
);
CREATE INDEX ix_access_key_audit_key ON access_key_audit (key_id, seq);
