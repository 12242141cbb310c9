using Microsoft.Extensions.Logging;

namespace SpeedUp.Simulator;

/// <summary>One simulator's use of its account; disposing it removes the account when no other simulator uses it.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class SimulatorAccountLease(string user, string leasePath, ILogger logger) : IAsyncDisposable
{
    private int _released;

    public string User { get; } = user;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            await SimulatorAccounts.ReleaseAsync(User, leasePath, logger, CancellationToken.None);
        }
    }
}
