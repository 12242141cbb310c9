using System.Text.RegularExpressions;

namespace SpeedUp.Simulator;

/// <summary>
/// Makes sure the local account sshd lets in exists and has the given password (useradd -M -s /bin/sh +
/// chpasswd). A plain useradd account is locked and refused with UsePAM no, hence the password. Idempotent.
/// </summary>
internal static partial class SystemUserProvisioner
{
    public const string UserAdd = "/usr/sbin/useradd";
    public const string ChPasswd = "/usr/sbin/chpasswd";
    public const string UserMod = "/usr/sbin/usermod";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static void ValidateCredentials(string user, string password)
    {
        if (!UserPattern().IsMatch(user))
        {
            throw new ArgumentException($"SSH user '{user}' must match [a-z_][a-z0-9_-]{{0,31}}.", nameof(user));
        }

        if (password.Length == 0 || password.IndexOfAny([':', '\n', '\r']) >= 0)
        {
            throw new ArgumentException("The SSH password must be non-empty and contain no ':' or line break.", nameof(password));
        }
    }

    public static async Task EnsureUserAsync(string user, string password, CancellationToken ct)
    {
        ValidateCredentials(user, password);
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                $"The SSH front must run as root to create the system user '{user}' and start sshd (running as '{Environment.UserName}').");
        }

        foreach (var tool in new[] { UserAdd, ChPasswd })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException($"'{tool}' is missing: the SSH front needs the shadow utilities (passwd package).");
            }
        }

        await Gate.WaitAsync(ct);
        try
        {
            if (!UserExists(user))
            {
                // Home "/" so sshd does not print "Could not chdir to home directory" into the CLI session.
                var add = await ProcessRunner.RunAsync(UserAdd, ["-M", "-d", "/", "-s", "/bin/sh", user], null, ct);
                if (add.ExitCode != 0 && !UserExists(user))
                {
                    throw new InvalidOperationException($"useradd {user} failed ({add.ExitCode}): {add.Output}");
                }
            }

            if (HomeOf(user) is { } home && !Directory.Exists(home))
            {
                await ProcessRunner.RunAsync(UserMod, ["-d", "/", user], null, ct);
            }

            var chpasswd = await ProcessRunner.RunAsync(ChPasswd, [], user + ":" + password + "\n", ct);
            if (chpasswd.ExitCode != 0)
            {
                throw new InvalidOperationException($"chpasswd for {user} failed ({chpasswd.ExitCode}): {chpasswd.Output}");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static bool UserExists(string user) => PasswdEntry(user) is not null;

    private static string? HomeOf(string user) => PasswdEntry(user)?.Split(':') is { Length: > 5 } fields ? fields[5] : null;

    private static string? PasswdEntry(string user) =>
        File.ReadLines("/etc/passwd").FirstOrDefault(l => l.StartsWith(user + ":", StringComparison.Ordinal));

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserPattern();
}
