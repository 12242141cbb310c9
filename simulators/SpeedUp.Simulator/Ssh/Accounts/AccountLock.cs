namespace SpeedUp.Simulator;

/// <summary>
/// The machine-wide lock of the simulator's accounts: an exclusive flock on <see cref="SimulatorAccountPaths.LockFile"/>
/// (released by the kernel if the process dies), plus an in-process gate so callers of one process queue without polling.
/// </summary>
internal sealed class AccountLock : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly FileStream _file;

    private AccountLock(FileStream file) => _file = file;

    public static async Task<AccountLock> TakeAsync(CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SimulatorAccountPaths.LockFile)!);
            var started = TimeProvider.System.GetTimestamp();
            while (true)
            {
                try
                {
                    // FileShare.None is an exclusive, non-blocking flock on Unix.
                    return new AccountLock(new FileStream(SimulatorAccountPaths.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (TimeProvider.System.GetElapsedTime(started) < Patience)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(25), ct);
                }
            }
        }
        catch
        {
            Gate.Release();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        Gate.Release();
    }
}
