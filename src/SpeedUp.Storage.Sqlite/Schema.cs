namespace SpeedUp.Storage.Sqlite;

/// <summary>The schema, created idempotently. Times are Unix milliseconds (UTC).</summary>
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
}
