using System.Globalization;

namespace SpeedUp.Simulator;

/// <summary>
/// Which simulators use an account: one file per user of it under <see cref="SimulatorAccountPaths.Leases"/>, naming the
/// process (pid and start time, so a reused pid does not count). A lease whose process is gone is dead. Call under
/// <see cref="AccountLock"/>.
/// </summary>
internal static class AccountLeases
{
    public static string Take(string user, int ownerPid)
    {
        var folder = Path.Combine(SimulatorAccountPaths.Leases, user);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{ownerPid}-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"{ownerPid} {StartTimeOf(ownerPid) ?? "gone"}\n");
        return path;
    }

    /// <summary>True when a live process holds a lease on <paramref name="user"/>; dead leases are deleted on the way.</summary>
    public static bool AnyAlive(string user)
    {
        var folder = Path.Combine(SimulatorAccountPaths.Leases, user);
        if (!Directory.Exists(folder))
        {
            return false;
        }

        var alive = false;
        foreach (var lease in Directory.GetFiles(folder))
        {
            if (IsAlive(lease))
            {
                alive = true;
            }
            else
            {
                File.Delete(lease);
            }
        }

        return alive;
    }

    public static void Forget(string user)
    {
        var folder = Path.Combine(SimulatorAccountPaths.Leases, user);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool IsAlive(string lease)
    {
        var parts = File.ReadAllText(lease).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && StartTimeOf(pid) is { } started
            && started == parts[1];
    }

    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat (start time in clock ticks since boot); null when the process is gone.</summary>
    private static string? StartTimeOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
