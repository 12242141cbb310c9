using System.Runtime.InteropServices;
using SpeedUp.Testing;

namespace SpeedUp.Benchmarks;

/// <summary>What the numbers were measured on.</summary>
internal static class MachineInfo
{
    public static void Print()
    {
        Report.Heading("Machine");
        Report.KeyValue("processors (nproc)", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Report.KeyValue("cpu", CpuModel());
        Report.KeyValue("memory", Memory());
        Report.KeyValue(".NET", RuntimeInformation.FrameworkDescription);
        Report.KeyValue("os", RuntimeInformation.OSDescription);
        Report.KeyValue("build configuration", RepositoryPaths.Configuration);
        Report.KeyValue("server GC", System.Runtime.GCSettings.IsServerGC ? "yes" : "no");
        PrintLoad("load average at start");
    }

    /// <summary>The 1/5/15-minute load averages: other work on the box skews every number here.</summary>
    public static void PrintLoad(string label)
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        Report.KeyValue(label, load + " (1/5/15 min)");
    }

    private static string CpuModel() => FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string Memory()
    {
        var total = FirstValue("/proc/meminfo", "MemTotal");
        if (total is null || !long.TryParse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], out var kib))
        {
            return "unknown";
        }

        return $"{kib / 1024.0 / 1024.0:0.0} GiB";
    }

    private static string? FirstValue(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        foreach (var line in File.ReadLines(file).Take(200))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == key)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
