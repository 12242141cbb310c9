using System.Diagnostics;
using System.Globalization;

namespace SpeedUp.Benchmarks.Million;

/// <summary>What the benchmark checks the service's answers against.</summary>
internal sealed record History(long[] DemoLines, long DemoInRange, long DemoRefusedInRange);

/// <summary>
/// Generates scenario "million"'s history (deterministic: seeded) into an <see cref="IHistoryStore"/>: ended sessions
/// spread evenly over the last 33 days on sessions / 20 lines of four customers, their orders and order uses, the
/// refused starts, and the session events of the 7 days the service keeps.
/// </summary>
internal sealed class HistoryGenerator(int sessions)
{
    public const string Demo = "demo";
    private static readonly string[] OtherCustomers = ["cust-b", "cust-c", "cust-d"];
    private static readonly string[] ReasonsOfFailure = ["CLI timeout after 10 s", "device refused the rate", "SNMP set failed: noSuchName"];

    /// <summary>The CST offset (UTC+8) the product's days and billing months are counted in.</summary>
    public static TimeSpan Cst { get; } = TimeSpan.FromHours(8);

    public async Task<History> GenerateAsync(IHistoryStore store, DateTimeOffset now, DateTimeOffset rangeFrom, DateTimeOffset rangeTo, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await store.OpenAsync(cancellationToken);
        var lines = Math.Max(100, sessions / 20);
        var random = new Random(20);
        var origin = now - TimeSpan.FromDays(33);
        var spanMs = (now - TimeSpan.FromMinutes(5) - origin).TotalMilliseconds;
        var demoLines = new List<long>();
        long demoInRange = 0, demoRefusedInRange = 0, refused = 0, events = 0, orders = 0, uses = 0;
        var ordered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sessions; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var k = random.Next(lines);
            var band = 330_100_000L + k;
            var customer = (k % 10) switch { < 5 => Demo, < 7 => OtherCustomers[0], < 9 => OtherCustomers[1], _ => OtherCustomers[2] };
            var telecom = k % 2 == 0;
            var direction = k % 5 == 0 && random.Next(2) == 0 ? "Up" : "Down";
            var targetMbps = direction == "Up" ? 20 + (k % 3) * 10 : 100 + (k % 4) * 100;
            var started = origin + TimeSpan.FromMilliseconds((double)i / sessions * spanMs + random.Next(60_000));
            var minutes = (k % 4 + 1) switch { 1 => 30, 2 => 60, 3 => 120, _ => 240 };
            var due = started + TimeSpan.FromMinutes(minutes);
            var dice = random.NextDouble();
            var (reason, ended) = dice switch
            {
                < 0.55 => ("Expired", due + TimeSpan.FromMilliseconds(random.Next(3_000))),
                < 0.86 => ("Stopped", started + TimeSpan.FromMinutes(random.NextDouble() * minutes)),
                < 0.93 => ("ApplyFailed", started + TimeSpan.FromMilliseconds(500 + random.Next(10_000))),
                < 0.98 => ("StoppedByOperator", started + TimeSpan.FromMinutes(random.NextDouble() * minutes)),
                _ => ("RestoredAfterRestart", due + TimeSpan.FromMinutes(1 + random.Next(30))),
            };
            if (ended > now - TimeSpan.FromMinutes(1))
            {
                (reason, ended) = ("Stopped", started + (now - TimeSpan.FromMinutes(1) - started) * random.NextDouble());
            }

            var id = Guid.NewGuid().ToString("N");
            var account = string.Create(CultureInfo.InvariantCulture, $"{(telecom ? "zj" : "bj")}{band}");
            var address = telecom ? $"202.101.{k / 250 % 250 + 1}.{k % 250 + 1}" : $"123.112.{k / 250 % 250 + 1}.{k % 250 + 1}";
            var carrier = telecom ? "ChinaTelecom" : "ChinaUnicom";
            var province = telecom ? "Zhejiang" : "Beijing";
            var failed = reason == "ApplyFailed";
            await store.WriteAsync(new StoredSession(id, band, account, address, k % 48 + 1, carrier, province, telecom ? "ct-huawei-ssh" : "cu-zte-snmp",
                direction, targetMbps * 1000L, targetMbps * 500L, (k % 3) switch { 0 => "", 1 => "gaming", _ => "video" }, started, due, reason, ended,
                failed ? ReasonsOfFailure[random.Next(ReasonsOfFailure.Length)] : null, customer,
                i % 2 == 0 ? $"req-{i}" : null, i % 2 == 0 ? id[..16] : null), cancellationToken);
            if (customer == Demo)
            {
                demoLines.Add(band);
                demoInRange += started >= rangeFrom && started < rangeTo ? 1 : 0;
            }

            if (!failed)
            {
                // Each line's 30-day pack of its 30-day period pays for the period's sessions.
                var period = (long)((started - origin).TotalDays / 30);
                var orderId = $"ord-{band}-{direction}-{period}";
                var created = origin + TimeSpan.FromDays(30 * period);
                if (ordered.Add(orderId))
                {
                    await store.WriteAsync(new StoredOrder(orderId, customer, band, (direction == "Up" ? 100_000 : 200_000) + targetMbps * 10 + 2, direction,
                        targetMbps, created, created + TimeSpan.FromDays(30), (created + Cst).ToString("yyyy-MM", CultureInfo.InvariantCulture)), cancellationToken);
                    orders++;
                }

                await store.WriteAsync(new StoredOrderUse(id, orderId, minutes), cancellationToken);
                uses++;
            }

            if (started > now - TimeSpan.FromDays(7))
            {
                foreach (var (kind, at, state) in failed ? [("Ended", ended, "Ended")] : new[] { ("Activated", started + TimeSpan.FromSeconds(1), "Active"), ("Ended", ended, "Ended") })
                {
                    await store.WriteAsync(new StoredEvent(Guid.NewGuid().ToString("N"), kind, at, customer, id, band, direction, state,
                        state == "Ended" ? reason : "None", targetMbps * 1000L, targetMbps * 500L, started, due, state == "Ended" ? ended : null), cancellationToken);
                    events++;
                }
            }

            if (random.Next(200) == 0) // a start refused before any session: every channel full
            {
                await store.WriteAsync(new StoredRefusal(Guid.NewGuid().ToString("N"), customer, band, account, carrier, province, direction,
                    targetMbps * 1000L, started), cancellationToken);
                refused++;
                demoRefusedInRange += customer == Demo && started >= rangeFrom && started < rangeTo ? 1 : 0;
            }
        }

        var written = watch.Elapsed;
        await store.CompleteAsync(cancellationToken);
        watch.Stop();
        Report.KeyValue("generated (not a goal)", $"{sessions:N0} sessions on {lines:N0} lines, {orders:N0} orders, {uses:N0} order uses, {refused:N0} refused starts, {events:N0} events (last 7 days)");
        Report.KeyValue("  written / made steady", $"{written.TotalSeconds:0.0} s / {(watch.Elapsed - written).TotalSeconds:0.0} s more ({store.SteadyStep})");
        Report.KeyValue("customers (share of lines)", $"{Demo} 50 %, {OtherCustomers[0]} 20 %, {OtherCustomers[1]} 20 %, {OtherCustomers[2]} 10 %");
        Report.KeyValue("database size", await store.DescribeSizeAsync(cancellationToken));
        return new History([.. demoLines.Distinct()], demoInRange, demoRefusedInRange);
    }
}
