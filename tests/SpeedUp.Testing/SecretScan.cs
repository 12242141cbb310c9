using System.Text.RegularExpressions;

namespace SpeedUp.Testing;

/// <summary>
/// Feeds the secret scan that closes every test run (<c>scripts/scan-secrets.sh</c>, called by <c>scripts/test.sh</c>):
/// every service process's whole output goes to <c>.run/logs/*.log</c>, and every secret the tests hand to a service
/// (environment values of secret-like names, created access-key secrets) is listed in <c>.run/logs/secrets.list</c>
/// (owner-only). The scan fails the run if any listed secret appears in any log.
/// </summary>
public static partial class SecretScan
{
    /// <summary>Shorter values are too likely to occur by chance to scan for (every test secret is longer).</summary>
    public const int MinimumLength = 8;

    private static readonly Lock Gate = new();

    /// <summary>Where the logs and the secret list go.</summary>
    public static string Directory => Path.Combine(RepositoryPaths.Root, ".run", "logs");

    /// <summary>Lists a secret for the scan.</summary>
    public static void Register(string? secret)
    {
        if (secret is null || secret.Length < MinimumLength)
        {
            return;
        }

        lock (Gate)
        {
            System.IO.Directory.CreateDirectory(Directory);
            var path = Path.Combine(Directory, "secrets.list");
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(path, System.Text.Encoding.UTF8, options);
            writer.WriteLine(secret);
        }
    }

    /// <summary>Lists the values of secret-like environment variables (…SECRET, …PASSWORD, …COMMUNITY, …_AUTH, …_PRIV, …KEY).</summary>
    public static void RegisterFrom(IDictionary<string, string?> environment)
    {
        foreach (var (name, value) in environment)
        {
            if (SecretName().IsMatch(name))
            {
                Register(value);
            }
        }
    }

    /// <summary>A new log file for one process's output.</summary>
    public static StreamWriter OpenLog(string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return new StreamWriter(Path.Combine(Directory, $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}.log")) { AutoFlush = true };
    }

    /// <summary>Appends a line, ignoring a log already closed (output may trail a disposed process).</summary>
    public static void TryWrite(StreamWriter log, string line)
    {
        try
        {
            log.WriteLine(line);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    [GeneratedRegex("(SECRET|PASSWORD|COMMUNITY|_AUTH|_PRIV|KEY)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
