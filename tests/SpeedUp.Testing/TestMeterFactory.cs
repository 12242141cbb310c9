using System.Diagnostics.Metrics;

namespace SpeedUp.Testing;

/// <summary>
/// An <see cref="IMeterFactory"/> of its own for a test: meters it creates are scoped to it, so a
/// <c>MetricCollector</c> or <see cref="MeterListener"/> filtering on <see cref="Meter.Scope"/> sees this test's
/// measurements only. Disposing it disposes its meters.
/// </summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    /// <inheritdoc />
    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_meters)
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }

            _meters.Clear();
        }
    }
}
