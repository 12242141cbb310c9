namespace SpeedUp.Simulator;

/// <summary>Options of the OpenSSH front of a simulator (see docs/simulator.md).</summary>
public sealed class SshFrontOptions
{
    /// <summary>
    /// The default login user: an account the simulator creates and removes itself (docs/simulator.md, "Accounts"). An
    /// existing account it did not create is refused, so this name must not be a person's or a system account.
    /// </summary>
    public const string DefaultUser = "bras-cli";

    /// <summary>
    /// The default password. It lives in the front's own sshd (never in the system's account database, where the
    /// account's password is locked), so fronts sharing an account may use different passwords.
    /// </summary>
    public const string DefaultPassword = "bras-cli-pass";

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Where the host key, sshd_config, pid file and log live; null = a new temporary directory.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>The login user (default <see cref="DefaultUser"/>): must be absent, or an account the simulator created.</summary>
    public string User { get; set; } = DefaultUser;

    /// <summary>The password of <see cref="User"/> on this front's sshd only.</summary>
    public string Password { get; set; } = DefaultPassword;

    /// <summary>
    /// Public keys (OpenSSH <c>authorized_keys</c> lines) that may log in as <see cref="User"/> instead of the
    /// password. Empty (default) = public-key authentication accepts no key.
    /// </summary>
    public IList<string> AuthorizedKeys { get; } = new List<string>();

    /// <summary>How long to wait for sshd to accept TCP connections.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
