using System.Globalization;

namespace SpeedUp.Benchmarks;

/// <summary>A process's resident memory, read from /proc (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS and VmHWM of a process, KiB.</summary>
    public static (long Rss, long Hwm) Status(int pid)
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kib(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kib(line);
            }
        }

        return (rss, hwm);
    }

    private static long Kib(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    public static string Describe(int pid)
    {
        var (rss, hwm) = Status(pid);
        return $"VmRSS {rss / 1024.0:0} MiB, VmHWM {hwm / 1024.0:0} MiB";
    }

    /// <summary>Resets the process's peak RSS (VmHWM) to its current RSS: <c>echo 5 &gt; /proc/pid/clear_refs</c>.</summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
