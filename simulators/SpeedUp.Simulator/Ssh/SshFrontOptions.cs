namespace SpeedUp.Simulator;

/// <summary>Options of the OpenSSH front of a simulator (see docs/simulator.md).</summary>
public sealed class SshFrontOptions
{
    /// <summary>The default login user.</summary>
    public const string DefaultUser = "brassim";

    /// <summary>
    /// The default password. Every front of a machine that uses the same user must use the same password
    /// (it is the system account's password), so the default is a constant.
    /// </summary>
    public const string DefaultPassword = "brassim-pass";

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Where the host key, sshd_config, pid file and log live; null = a new temporary directory.</summary>
    public string? StateDirectory { get; set; }

    public string User { get; set; } = DefaultUser;

    public string Password { get; set; } = DefaultPassword;

    /// <summary>
    /// Public keys (OpenSSH <c>authorized_keys</c> lines) that may log in as <see cref="User"/> instead of the
    /// password. Empty (default) = public-key authentication accepts no key.
    /// </summary>
    public IList<string> AuthorizedKeys { get; } = new List<string>();

    /// <summary>How long to wait for sshd to accept TCP connections.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
