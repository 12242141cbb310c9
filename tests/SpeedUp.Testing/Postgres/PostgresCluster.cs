using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SpeedUp.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL 15 server: <c>initdb</c> into a fresh temporary directory, <c>pg_ctl start</c> on a free TCP
/// port bound to 127.0.0.1 with its unix socket and log in that directory, trust authentication for user
/// <c>postgres</c>. As root the tools run as the <c>postgres</c> user (initdb refuses root). Disposing stops it
/// (<c>-m immediate</c>) and deletes the directory. Install the server with <c>scripts/setup.sh</c>.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>Where Debian's PostgreSQL 15 keeps its programs.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private static readonly bool AsRoot = Environment.UserName == "root";
    private readonly string _root;
    private bool _running;

    private readonly bool _durable;

    private PostgresCluster(string root, int port, bool durable)
    {
        _root = root;
        Port = port;
        _durable = durable;
    }

    /// <summary>The TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The data directory.</summary>
    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The server log.</summary>
    public string LogFile => Path.Combine(_root, "pg.log");

    /// <summary>Connection string of the <c>postgres</c> maintenance database, as superuser.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>
    /// Creates and starts a server. By default it runs with <c>fsync=off</c> (the tests need no durability and run
    /// faster); <paramref name="durable"/> keeps PostgreSQL's default, every commit flushed to disk, for benchmarks
    /// that measure the cost of durability.
    /// </summary>
    /// <exception cref="InvalidOperationException">PostgreSQL 15 is not installed, or initdb or the start failed.</exception>
    public static async Task<PostgresCluster> StartAsync(CancellationToken cancellationToken = default) =>
        await StartAsync(durable: false, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="StartAsync(CancellationToken)"/>
    public static async Task<PostgresCluster> StartAsync(bool durable, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")) || !File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/initdb missing): run scripts/setup.sh as root.");
        }

        var root = Path.Combine(Path.GetTempPath(), "speedup-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var cluster = new PostgresCluster(root, FreePort(), durable);
        try
        {
            if (AsRoot && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                await RunAsync("chown", ["postgres:postgres", root], asPostgres: false, cancellationToken).ConfigureAwait(false);
            }

            await RunAsync(Path.Combine(BinDirectory, "initdb"),
                ["-D", cluster.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"], AsRoot, cancellationToken).ConfigureAwait(false);
            await cluster.StartServerAgainAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Connection string of database <paramref name="database"/> as <c>postgres</c> over TCP (no password: trust).</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = "postgres",
    }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken).ConfigureAwait(false);
        return ConnectionString(name);
    }

    /// <summary>Runs one statement as superuser in the maintenance database (not in a transaction block).</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes TCP logins of <paramref name="role"/> need its password (scram-sha-256) while everything else stays trusted:
    /// prepends a rule to pg_hba.conf and reloads the configuration.
    /// </summary>
    public async Task RequirePasswordAsync(string role, CancellationToken cancellationToken = default)
    {
        var hba = Path.Combine(DataDirectory, "pg_hba.conf");
        var rules = await File.ReadAllTextAsync(hba, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(hba, $"host all {role} 127.0.0.1/32 scram-sha-256\n{rules}", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync("SELECT pg_reload_conf()", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server at once (<c>-m immediate</c>), keeping its data, port and directory.</summary>
    public async Task StopServerAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], AsRoot, cancellationToken).ConfigureAwait(false);
        _running = false;
    }

    /// <summary>Starts the server (again) on the same port and data directory, unless it runs; returns once it accepts connections.</summary>
    public async Task StartServerAgainAsync(CancellationToken cancellationToken = default)
    {
        if (_running)
        {
            return;
        }

        await RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
            ["-D", DataDirectory, "-l", LogFile, "-w", "-o", $"-k {_root} -p {Port} -h 127.0.0.1{(_durable ? "" : " -c fsync=off")} -c max_connections=400", "start"],
            AsRoot, cancellationToken).ConfigureAwait(false);
        _running = true;
    }

    /// <summary>
    /// CPU time used so far by the server's processes alive now (the postmaster and its children: backends, the WAL
    /// writer, the checkpointer…), from <c>/proc</c>. Backends that already exited are not counted.
    /// </summary>
    public TimeSpan ServerProcessorTime()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        var ticks = 0L;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid …"; utime and stime are fields 14 and 15, in clock ticks.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                if (pid == postmaster || parent == postmaster)
                {
                    ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    /// <summary>Stops the server (if running) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            try
            {
                await StopServerAsync().ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Already down: only the directory is left to delete.
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var argument in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }
}
