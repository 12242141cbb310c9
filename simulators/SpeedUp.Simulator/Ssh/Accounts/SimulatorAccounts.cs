using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Simulator;

/// <summary>
/// The system accounts behind the SSH fronts. The simulator only ever uses an account it created itself: one marked as
/// its own (a record under <see cref="SimulatorAccountPaths.Records"/> with the account's uid, the GECOS
/// <see cref="SimulatorAccountPaths.Marker"/> and the CLI bridge as login shell). Any other account — root, a system
/// account (uid &lt; 1000), a person's account — is refused before it is touched. Its accounts have a locked password and
/// the bridge as shell, are leased by every simulator using them, removed when the last one stops, and removed at the
/// next start when a crashed run left them behind.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static partial class SimulatorAccounts
{
    public static void Validate(string user)
    {
        if (!UserPattern().IsMatch(user))
        {
            throw new ArgumentException($"SSH user '{user}' must match [a-z_][a-z0-9_-]{{0,31}}.", nameof(user));
        }

        if (user == "root")
        {
            throw Refused(user, "it is root; the simulator never uses root or a system account (uid < 1000)");
        }
    }

    /// <summary>
    /// Leases the simulator account <paramref name="user"/> for the process <paramref name="ownerPid"/>, creating it when
    /// absent; first removes the accounts of crashed runs.
    /// </summary>
    /// <exception cref="InvalidOperationException">The account exists and is not the simulator's (or is root / a system account).</exception>
    public static async Task<SimulatorAccountLease> AcquireAsync(string user, int ownerPid, ILogger logger, CancellationToken ct)
    {
        Validate(user);
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                $"The SSH front must run as root to manage its account '{user}' and start sshd (running as '{Environment.UserName}').");
        }

        SystemAccounts.CheckTools();
        await using var held = await AccountLock.TakeAsync(ct);
        CliBridge.Install();
        await RemoveLeftoversAsync(logger, ct);
        var entry = await SystemAccounts.FindAsync(user, ct);
        if (entry is null)
        {
            entry = await SystemAccounts.CreateAsync(user, ct);
            Directory.CreateDirectory(SimulatorAccountPaths.Records);
            File.SetUnixFileMode(SimulatorAccountPaths.Records, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await File.WriteAllTextAsync(RecordOf(user), entry.Uid.ToString(CultureInfo.InvariantCulture) + "\n", ct);
            logger.LogInformation("Created the simulator account {User} (uid {Uid}, shell {Shell}, password locked)", user, entry.Uid, entry.Shell);
        }
        else
        {
            EnsureOurs(entry);
        }

        return new SimulatorAccountLease(user, AccountLeases.Take(user, ownerPid), logger);
    }

    /// <summary>Ends one lease; the account is removed when no live simulator holds it any more.</summary>
    public static async Task ReleaseAsync(string user, string lease, ILogger logger, CancellationToken ct)
    {
        await using var held = await AccountLock.TakeAsync(ct);
        File.Delete(lease);
        if (!AccountLeases.AnyAlive(user))
        {
            await RemoveAsync(user, logger, ct);
        }
    }

    /// <summary>True when <paramref name="entry"/> is an account this simulator created (every mark present).</summary>
    public static bool IsOurs(PasswdEntry entry) =>
        !entry.IsSystemAccount
        && entry.Gecos == SimulatorAccountPaths.Marker
        && entry.Shell == SimulatorAccountPaths.BridgeShell
        && RecordedUid(entry.Name) == entry.Uid;

    private static void EnsureOurs(PasswdEntry entry)
    {
        if (entry.IsSystemAccount)
        {
            throw Refused(entry.Name, $"it is a system account (uid {entry.Uid} < {SimulatorAccountPaths.FirstUserUid})");
        }

        if (!IsOurs(entry))
        {
            throw Refused(entry.Name,
                $"it is an existing account (uid {entry.Uid}, shell {entry.Shell}) that the simulator did not create, and the simulator never " +
                "changes an account it did not create. Choose another SSH user; if it is a leftover of an older simulator version, remove it yourself (userdel)");
        }
    }

    private static async Task RemoveLeftoversAsync(ILogger logger, CancellationToken ct)
    {
        if (!Directory.Exists(SimulatorAccountPaths.Records))
        {
            return;
        }

        foreach (var record in Directory.GetFiles(SimulatorAccountPaths.Records))
        {
            var user = Path.GetFileName(record);
            if (UserPattern().IsMatch(user) && !AccountLeases.AnyAlive(user))
            {
                logger.LogWarning("Removing the simulator account {User} left behind by a run that did not stop", user);
                await RemoveAsync(user, logger, ct);
            }
        }
    }

    private static async Task RemoveAsync(string user, ILogger logger, CancellationToken ct)
    {
        if (await SystemAccounts.FindAsync(user, ct) is { } entry && IsOurs(entry))
        {
            if (!await SystemAccounts.DeleteAsync(user, ct))
            {
                logger.LogWarning("Could not remove the simulator account {User}; the next start tries again", user);
                return;
            }

            logger.LogInformation("Removed the simulator account {User}", user);
        }

        File.Delete(RecordOf(user));
        AccountLeases.Forget(user);
    }

    private static int? RecordedUid(string user)
    {
        var record = RecordOf(user);
        return File.Exists(record) && int.TryParse(File.ReadAllText(record).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : null;
    }

    private static string RecordOf(string user) => Path.Combine(SimulatorAccountPaths.Records, user);

    private static InvalidOperationException Refused(string user, string why) =>
        new($"The SSH user '{user}' is refused: {why}.");

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserPattern();
}
