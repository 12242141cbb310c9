namespace SpeedUp.Storage.Sqlite;

/// <summary>
/// The schema. <see cref="Sql"/> is the first version's (created idempotently, as it always was); each entry of
/// <see cref="Migrations"/> takes the database one version further, tracked in <c>PRAGMA user_version</c>, so a
/// database written by an earlier version opens and is upgraded in place. Times are Unix milliseconds (UTC); money
/// is integer 1/10000 CNY ("units").
/// </summary>
internal static class Schema
{
    public const string Sql = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS sessions (
            id TEXT PRIMARY KEY,
            band_id INTEGER NOT NULL,
            account TEXT NOT NULL,
            ip_address TEXT NOT NULL,
            port INTEGER NOT NULL,
            carrier TEXT NOT NULL,
            province TEXT NOT NULL,
            channel TEXT NOT NULL,
            direction TEXT NOT NULL,
            target_kbps INTEGER NOT NULL,
            original_kbps INTEGER NOT NULL,
            scene TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            due_at INTEGER NOT NULL,
            state TEXT NOT NULL,
            end_reason TEXT NOT NULL,
            ended_at INTEGER NULL,
            last_error TEXT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS ux_sessions_open ON sessions (band_id, direction) WHERE state <> 'Ended';
        CREATE INDEX IF NOT EXISTS ix_sessions_line ON sessions (band_id, direction, started_at);
        CREATE INDEX IF NOT EXISTS ix_sessions_state_due ON sessions (state, due_at);
        CREATE TABLE IF NOT EXISTS prechecks (
            band_id INTEGER PRIMARY KEY,
            account TEXT NOT NULL,
            ip_address TEXT NOT NULL,
            port INTEGER NOT NULL,
            carrier TEXT NOT NULL,
            province TEXT NOT NULL,
            channel TEXT NOT NULL,
            up_kbps INTEGER NOT NULL,
            down_kbps INTEGER NOT NULL,
            max_up_kbps INTEGER NOT NULL,
            max_down_kbps INTEGER NOT NULL,
            speed_up_permitted INTEGER NOT NULL,
            offer_ids TEXT NOT NULL,
            checked_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS orders (
            order_id TEXT PRIMARY KEY,
            band_id INTEGER NOT NULL,
            offer_id INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        );
        """;

    /// <summary>Migration N (1-based) brings <c>user_version</c> from N−1 to N. Append only; never edit a released step.</summary>
    public static readonly string[] Migrations =
    [
        // 1: customers, priced orders, order use by sessions, settlements, client request ids.
        """
        ALTER TABLE sessions ADD COLUMN customer_id TEXT NULL;
        ALTER TABLE sessions ADD COLUMN client_request_id TEXT NULL;
        ALTER TABLE sessions ADD COLUMN request_hash TEXT NULL;
        CREATE UNIQUE INDEX ux_sessions_client_request ON sessions (customer_id, client_request_id)
            WHERE client_request_id IS NOT NULL AND end_reason <> 'ApplyFailed';
        CREATE INDEX ix_sessions_customer_started ON sessions (customer_id, started_at);

        -- Pre-checks are kept 30 minutes; they now belong to the customer who made them.
        DROP TABLE prechecks;
        CREATE TABLE prechecks (
            customer_id TEXT NOT NULL,
            band_id INTEGER NOT NULL,
            account TEXT NOT NULL,
            ip_address TEXT NOT NULL,
            port INTEGER NOT NULL,
            carrier TEXT NOT NULL,
            province TEXT NOT NULL,
            channel TEXT NOT NULL,
            up_kbps INTEGER NOT NULL,
            down_kbps INTEGER NOT NULL,
            max_up_kbps INTEGER NOT NULL,
            max_down_kbps INTEGER NOT NULL,
            speed_up_permitted INTEGER NOT NULL,
            offer_ids TEXT NOT NULL,
            checked_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (customer_id, band_id)
        );

        -- Orders of the previous version had no customer or price: they keep their rows, belong to nobody, and are
        -- neither usable nor billed. Their bucket is derived from the offer id.
        ALTER TABLE orders ADD COLUMN customer_id TEXT NULL;
        ALTER TABLE orders ADD COLUMN direction TEXT NOT NULL DEFAULT '';
        ALTER TABLE orders ADD COLUMN bandwidth_mbps INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE orders ADD COLUMN product TEXT NOT NULL DEFAULT '';
        ALTER TABLE orders ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE orders ADD COLUMN frozen_units INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE orders ADD COLUMN billing_month TEXT NOT NULL DEFAULT '';
        ALTER TABLE orders ADD COLUMN client_request_id TEXT NULL;
        ALTER TABLE orders ADD COLUMN request_hash TEXT NULL;
        UPDATE orders SET
            direction = CASE offer_id / 100000 WHEN 1 THEN 'Up' ELSE 'Down' END,
            bandwidth_mbps = (offer_id % 100000) / 10,
            product = CASE offer_id % 10 WHEN 1 THEN 'HourPack' ELSE 'ThirtyDayPack' END,
            expires_at = created_at;
        CREATE UNIQUE INDEX ux_orders_client_request ON orders (customer_id, client_request_id) WHERE client_request_id IS NOT NULL;
        CREATE INDEX ix_orders_line ON orders (customer_id, band_id, direction, expires_at);
        CREATE INDEX ix_orders_month ON orders (billing_month, customer_id, direction, bandwidth_mbps, product);

        CREATE TABLE customers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            subscribed INTEGER NOT NULL,
            balance_units INTEGER NOT NULL,
            frozen_units INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        );

        CREATE TABLE order_uses (
            session_id TEXT NOT NULL,
            order_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            reserved_minutes INTEGER NOT NULL,
            PRIMARY KEY (session_id, order_id)
        );
        CREATE INDEX ix_order_uses_order ON order_uses (order_id);

        CREATE TABLE settlements (
            customer_id TEXT NOT NULL,
            month TEXT NOT NULL,
            settled_at INTEGER NOT NULL,
            total_units INTEGER NOT NULL,
            frozen_units INTEGER NOT NULL,
            PRIMARY KEY (customer_id, month)
        );
        CREATE TABLE settlement_lines (
            customer_id TEXT NOT NULL,
            month TEXT NOT NULL,
            direction TEXT NOT NULL,
            bandwidth_mbps INTEGER NOT NULL,
            product TEXT NOT NULL,
            volume INTEGER NOT NULL,
            unit_price_units INTEGER NOT NULL,
            total_units INTEGER NOT NULL,
            frozen_units INTEGER NOT NULL,
            PRIMARY KEY (customer_id, month, direction, bandwidth_mbps, product)
        );
        """,

        // 2: sessions whose write met a channel fault (outcome unknown) are checked again after they end.
        """
        ALTER TABLE sessions ADD COLUMN uncertain_write INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX ix_sessions_uncertain ON sessions (ended_at) WHERE uncertain_write = 1;
        """,

        // 3: access keys (secrets AES-GCM encrypted under the master key) and their audit log.
        """
        CREATE TABLE access_keys (
            id TEXT PRIMARY KEY,
            customer_id TEXT NULL,
            actions TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            description TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            rotated_at INTEGER NULL,
            secret BLOB NOT NULL,
            previous_secret BLOB NULL,
            previous_valid_until INTEGER NULL
        );
        CREATE INDEX ix_access_keys_customer ON access_keys (customer_id);
        CREATE TABLE access_key_audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            key_id TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX ix_access_key_audit_key ON access_key_audit (key_id, seq);
        """,

        // 4: restore claims with a lease, and channel capacity held in the store (open sessions hold theirs already).
        """
        ALTER TABLE sessions ADD COLUMN claimed_by TEXT NULL;
        ALTER TABLE sessions ADD COLUMN claim_until INTEGER NULL;
        CREATE TABLE channel_holdings (
            session_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            added_mbps INTEGER NOT NULL,
            held_at INTEGER NOT NULL,
            PRIMARY KEY (session_id, channel)
        );
        CREATE INDEX ix_channel_holdings_channel ON channel_holdings (channel);
        INSERT INTO channel_holdings (session_id, channel, added_mbps, held_at)
            SELECT id, channel, CASE WHEN target_kbps > original_kbps THEN (target_kbps - original_kbps + 999) / 1000 ELSE 0 END, started_at
            FROM sessions WHERE state <> 'Ended';
        """,

        // 5: the session-event outbox (written with each state change), extensions of sessions, webhook sinks and deliveries.
        """
        CREATE TABLE session_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            customer_id TEXT NULL,
            session_id TEXT NOT NULL,
            band_id INTEGER NOT NULL,
            direction TEXT NOT NULL,
            state TEXT NOT NULL,
            end_reason TEXT NOT NULL,
            target_kbps INTEGER NOT NULL,
            original_kbps INTEGER NOT NULL,
            scene TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            due_at INTEGER NOT NULL,
            ended_at INTEGER NULL
        );
        CREATE INDEX ix_session_events_customer ON session_events (customer_id, seq);
        CREATE INDEX ix_session_events_occurred ON session_events (occurred_at);
        CREATE TABLE session_event_horizon (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            pruned_through INTEGER NOT NULL
        );
        INSERT INTO session_event_horizon (id, pruned_through) VALUES (1, 0);
        CREATE TABLE session_extensions (
            session_id TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            client_request_id TEXT NULL,
            request_hash TEXT NULL,
            added_minutes INTEGER NOT NULL,
            due_before INTEGER NOT NULL,
            due_after INTEGER NOT NULL,
            extended_at INTEGER NOT NULL
        );
        CREATE INDEX ix_session_extensions_session ON session_extensions (session_id);
        CREATE UNIQUE INDEX ux_session_extensions_request ON session_extensions (customer_id, client_request_id) WHERE client_request_id IS NOT NULL;
        CREATE TABLE webhook_sinks (
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            url TEXT NOT NULL,
            secret BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            after_seq INTEGER NOT NULL
        );
        CREATE INDEX ix_webhook_sinks_customer ON webhook_sinks (customer_id);
        CREATE TABLE webhook_deliveries (
            sink_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            last_attempt_at INTEGER NULL,
            last_status INTEGER NULL,
            last_error TEXT NULL,
            claimed_by TEXT NULL,
            claim_until INTEGER NULL,
            PRIMARY KEY (sink_id, seq)
        );
        CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
        CREATE INDEX ix_webhook_deliveries_sink_state ON webhook_deliveries (sink_id, state);
        """,

        // 6: starts refused before any session was journalled (no channel could serve, every channel full), counted
        // as failed in the statistics; lookup of a customer's sessions and pre-checks by address (FindSessions).
        """
        CREATE TABLE IF NOT EXISTS refused_starts (
            id TEXT PRIMARY KEY,
            customer_id TEXT NULL,
            band_id INTEGER NOT NULL,
            account TEXT NOT NULL,
            carrier TEXT NOT NULL,
            province TEXT NOT NULL,
            direction TEXT NOT NULL,
            target_kbps INTEGER NOT NULL,
            refused_at INTEGER NOT NULL,
            code TEXT NOT NULL,
            message TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_refused_starts_customer ON refused_starts (customer_id, refused_at);
        CREATE INDEX IF NOT EXISTS ix_sessions_customer_address ON sessions (customer_id, ip_address, port, started_at);
        CREATE INDEX IF NOT EXISTS ix_prechecks_customer_address ON prechecks (customer_id, ip_address, port);
        """,

        // 7: the daily statistics read a customer's sessions of a range from the index alone (a million stored sessions:
        // docs/benchmarks.md, scenario million). It has the columns of ix_sessions_customer_started first, so it serves
        // that index's range look-ups too and replaces it (one index fewer to write per session).
        """
        CREATE INDEX IF NOT EXISTS ix_sessions_customer_day ON sessions (customer_id, started_at, end_reason, state);
        DROP INDEX IF EXISTS ix_sessions_customer_started;
        """,
    ];

    /// <summary>The version a fully migrated database has.</summary>
    public static int CurrentVersion => Migrations.Length;
}
