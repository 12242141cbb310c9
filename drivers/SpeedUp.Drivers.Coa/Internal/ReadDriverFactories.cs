using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpeedUp.Drivers.Huawei;
using SpeedUp.Drivers.Zte;

namespace SpeedUp.Drivers.Coa.Internal;

/// <summary>
/// Finds the factory of a CoA channel's read face (<c>Coa:ReadDriver</c>) among the service's driver factories (from
/// the container, dialect-file drivers included), or — without a container — among the built-in SSH CLI and SNMP
/// drivers, created here and disposed with it. CoA drivers are never read faces.
/// </summary>
internal sealed class ReadDriverFactories(IServiceProvider? services, ILoggerFactory? loggerFactory, ISecretResolver? secrets) : IAsyncDisposable
{
    private readonly Lazy<IReadOnlyList<ISubscriberLineDriverFactory>> _builtIn = new(() =>
        [new HuaweiCliDriverFactory(loggerFactory, secrets), new ZteCliDriverFactory(loggerFactory, secrets), new ZteSnmpDriverFactory(loggerFactory, secrets)]);

    /// <exception cref="ArgumentException">No such driver, or a CoA driver.</exception>
    public ISubscriberLineDriverFactory Find(string channel, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("Channel " + channel + ": Coa:ReadDriver must name the driver of the BRAS's read face (e.g. huawei-cli-ssh, zte-snmp).");
        }

        var candidates = services?.GetServices<ISubscriberLineDriverFactory>() ?? _builtIn.Value;
        var factory = candidates.FirstOrDefault(f => string.Equals(f.DriverName, name, StringComparison.Ordinal))
            ?? throw new ArgumentException("Channel " + channel + ": Coa:ReadDriver '" + name + "' is not a registered driver.");
        return factory is CoaDriverFactory
            ? throw new ArgumentException("Channel " + channel + ": Coa:ReadDriver '" + name + "' is a CoA driver; it needs a CLI or SNMP face to read.")
            : factory;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_builtIn.IsValueCreated)
        {
            return;
        }

        foreach (var factory in _builtIn.Value)
        {
            switch (factory)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
