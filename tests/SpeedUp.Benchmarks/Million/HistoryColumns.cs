namespace SpeedUp.Benchmarks.Million;

/// <summary>The columns the generated history fills, in the order both stores write them.</summary>
internal static class HistoryColumns
{
    public const string Sessions = "id, band_id, account, ip_address, port, carrier, province, channel, direction, target_kbps, original_kbps, scene, started_at, due_at, state, end_reason, ended_at, last_error, customer_id, client_request_id, request_hash, uncertain_write";
    public const string Orders = "order_id, customer_id, band_id, offer_id, direction, bandwidth_mbps, product, created_at, expires_at, frozen_units, billing_month, client_request_id, request_hash";
    public const string OrderUses = "session_id, order_id, position, reserved_minutes";
    public const string RefusedStarts = "id, customer_id, band_id, account, carrier, province, direction, target_kbps, refused_at, code, message";
    public const string SessionEvents = "event_id, kind, occurred_at, customer_id, session_id, band_id, direction, state, end_reason, target_kbps, original_kbps, scene, started_at, due_at, ended_at";
}
