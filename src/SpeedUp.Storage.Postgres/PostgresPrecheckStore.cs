using System.Net;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Prechecks;
using SpeedUp.Drivers;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>The latest pre-check of each customer and band id, in PostgreSQL. Offers are stored as their ids.</summary>
public sealed class PostgresPrecheckStore(PostgresDatabase database) : IPrecheckStore
{
    private const string Columns = "band_id, account, ip_address, port, carrier, province, channel, up_kbps, down_kbps, max_up_kbps, max_down_kbps, speed_up_permitted, offer_ids, checked_at, expires_at, customer_id";

    /// <inheritdoc />
    public Task SaveAsync(Precheck precheck, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                INSERT INTO prechecks ({Columns})
                VALUES (@band_id, @account, @ip, @port, @carrier, @province, @channel, @up, @down, @max_up, @max_down, @permitted, @offers, @checked, @expires, @customer)
                ON CONFLICT (customer_id, band_id) DO UPDATE SET account = excluded.account, ip_address = excluded.ip_address, port = excluded.port,
                    carrier = excluded.carrier, province = excluded.province, channel = excluded.channel, up_kbps = excluded.up_kbps,
                    down_kbps = excluded.down_kbps, max_up_kbps = excluded.max_up_kbps, max_down_kbps = excluded.max_down_kbps,
                    speed_up_permitted = excluded.speed_up_permitted, offer_ids = excluded.offer_ids, checked_at = excluded.checked_at,
                    expires_at = excluded.expires_at
                """)
                .With("customer", precheck.CustomerId).With("band_id", precheck.BandId).With("account", precheck.Account)
                .With("ip", precheck.IpAddress).With("port", precheck.Port).With("carrier", precheck.Carrier.ToString())
                .With("province", precheck.Province).With("channel", precheck.ChannelName)
                .With("up", precheck.Rates.UpKbps).With("down", precheck.Rates.DownKbps)
                .With("max_up", precheck.Capability.MaxUpKbps).With("max_down", precheck.Capability.MaxDownKbps)
                .With("permitted", precheck.Capability.SpeedUpPermitted)
                .With("offers", precheck.Offers.Select(o => o.OfferId).ToArray())
                .WithTime("checked", precheck.CheckedAt).WithTime("expires", precheck.ExpiresAt);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<Precheck?> FindAsync(string customerId, long bandId, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {Columns} FROM prechecks WHERE customer_id = @customer AND band_id = @band_id")
                .With("customer", customerId).With("band_id", bandId);
            var found = await command.ReadAllAsync(r => new Precheck(
                r.GetInt64(0), r.GetString(1), r.GetFieldValue<IPAddress>(2), r.GetInt32(3),
                Enum.Parse<Carrier>(r.GetString(4)), r.GetString(5), r.GetString(6),
                new LineRates(r.GetInt64(7), r.GetInt64(8)), new LineCapability(r.GetInt64(9), r.GetInt64(10), r.GetBoolean(11)),
                r.GetFieldValue<long[]>(12).Select(Offer.FromOfferId).OfType<Offer>().ToArray(),
                r.GetTime(13), r.GetTime(14), r.GetString(15)), ct).ConfigureAwait(false);
            return found.FirstOrDefault();
        }, cancellationToken);
}
