-- What several instances sharing the database need: restore claims with a lease, the used nonces of signed calls,
-- and the capacity each session holds on a supply channel.

ALTER TABLE sessions ADD COLUMN claimed_by text NULL;
ALTER TABLE sessions ADD COLUMN claim_until timestamptz NULL;
-- The claim query filters on state and due_at: ix_sessions_state_due (0001) serves it.

CREATE TABLE used_nonces (
    key_id text NOT NULL,
    nonce text NOT NULL,
    remember_until timestamptz NOT NULL,
    PRIMARY KEY (key_id, nonce)
);
CREATE INDEX ix_used_nonces_until ON used_nonces (remember_until);

CREATE TABLE channel_holdings (
    session_id text NOT NULL,
    channel text NOT NULL,
    added_mbps bigint NOT NULL,
    held_at timestamptz NOT NULL,
    PRIMARY KEY (session_id, channel)
);
CREATE INDEX ix_channel_holdings_channel ON channel_holdings (channel);
