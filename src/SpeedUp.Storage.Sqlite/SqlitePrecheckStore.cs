using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Prechecks;
using SpeedUp.Drivers;

namespace SpeedUp.Storage.Sqlite;

/// <summary>The latest pre-check of each customer and band id, in SQLite. Offers are stored as their ids.</summary>
public sealed class SqlitePrecheckStore(SqliteDatabase database) : IPrecheckStore
{
    /// <inheritdoc />
    public Task SaveAsync(Precheck precheck, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, _, ct) => SaveAsync(connection, precheck, ct), cancellationToken);

    private static async Task SaveAsync(SqliteConnection connection, Precheck precheck, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO prechecks (customer_id, band_id, account, ip_address, port, carrier, province, channel, up_kbps, down_kbps,
                max_up_kbps, max_down_kbps, speed_up_permitted, offer_ids, checked_at, expires_at)
            VALUES ($customer, $band_id, $account, $ip, $port, $carrier, $province, $channel, $up, $down, $max_up, $max_down, $permitted, $offers, $checked, $expires)
            """;
        var p = command.Parameters;
        p.AddWithValue("$customer", precheck.CustomerId);
        p.AddWithValue("$band_id", precheck.BandId);
        p.AddWithValue("$account", precheck.Account);
        p.AddWithValue("$ip", precheck.IpAddress.ToString());
        p.AddWithValue("$port", precheck.Port);
        p.AddWithValue("$carrier", precheck.Carrier.ToString());
        p.AddWithValue("$province", precheck.Province);
        p.AddWithValue("$channel", precheck.ChannelName);
        p.AddWithValue("$up", precheck.Rates.UpKbps);
        p.AddWithValue("$down", precheck.Rates.DownKbps);
        p.AddWithValue("$max_up", precheck.Capability.MaxUpKbps);
        p.AddWithValue("$max_down", precheck.Capability.MaxDownKbps);
        p.AddWithValue("$permitted", precheck.Capability.SpeedUpPermitted ? 1 : 0);
        p.AddWithValue("$offers", string.Join(',', precheck.Offers.Select(o => o.OfferId.ToString(CultureInfo.InvariantCulture))));
        p.AddWithValue("$checked", UnixTime.ToStored(precheck.CheckedAt));
        p.AddWithValue("$expires", UnixTime.ToStored(precheck.ExpiresAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Precheck?> FindAsync(string customerId, long bandId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT band_id, account, ip_address, port, carrier, province, channel, up_kbps, down_kbps,
                max_up_kbps, max_down_kbps, speed_up_permitted, offer_ids, checked_at, expires_at
                , customer_id
            FROM prechecks WHERE customer_id = $customer AND band_id = $band_id
            """;
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$band_id", bandId);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var offers = r.GetString(12).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => Offer.FromOfferId(long.Parse(id, CultureInfo.InvariantCulture)))
            .OfType<Offer>()
            .ToArray();
        return new Precheck(r.GetInt64(0), r.GetString(1), IPAddress.Parse(r.GetString(2)), r.GetInt32(3),
            Enum.Parse<Carrier>(r.GetString(4)), r.GetString(5), r.GetString(6),
            new LineRates(r.GetInt64(7), r.GetInt64(8)), new LineCapability(r.GetInt64(9), r.GetInt64(10), r.GetInt64(11) != 0),
            offers, UnixTime.FromStored(r.GetInt64(13)), UnixTime.FromStored(r.GetInt64(14)), r.GetString(15));
    }
}
