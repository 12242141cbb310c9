namespace SpeedUp.Protocols.Cli;

/// <summary>Where and how <see cref="SshShellTransport"/> logs in. The password is never logged or printed.</summary>
public sealed class SshTransportOptions
{
    /// <summary>Device address (name or IP). Default 127.0.0.1.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>SSH TCP port. Default 22.</summary>
    public int Port { get; set; } = 22;

    /// <summary>Login user name.</summary>
    public string Username { get; set; } = "";

    /// <summary>Login password (password authentication). Never logged. Empty = no password authentication.</summary>
    public string Password { get; set; } = "";

    /// <summary>
    /// Path of an OpenSSH-format private key for public-key authentication (tried before the password).
    /// Null = no key. The key file is read at connect time; its contents are never logged.
    /// </summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>Passphrase of <see cref="PrivateKeyPath"/>, if it has one. Never logged.</summary>
    public string? PrivateKeyPassphrase { get; set; }

    /// <summary>
    /// The pinned host key fingerprint as OpenSSH prints it (<c>SHA256:base64</c>); the prefix and the base64
    /// padding are optional. A host key that does not match, or no pin at all, is refused.
    /// </summary>
    public string? HostKeySha256 { get; set; }

    /// <summary>How long TCP connect, key exchange and authentication may take together. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval of SSH keep-alive messages on an idle session; zero or negative disables them. Default 30 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether to request a pseudo-terminal (<c>vt100</c>, 200×48) for the shell. Default true: devices and
    /// <c>socat … raw</c> bridges expect one; without it the shell runs like <c>ssh -T</c>.
    /// </summary>
    public bool UsePseudoTerminal { get; set; } = true;

    /// <summary>Terminal width in columns when a pseudo-terminal is used; wide, so devices do not wrap lines. Default 200.</summary>
    public uint TerminalColumns { get; set; } = 200;

    /// <summary>Terminal height in rows when a pseudo-terminal is used. Default 48.</summary>
    public uint TerminalRows { get; set; } = 48;

    /// <summary>
    /// Most bytes the device may send that no command has read yet (SSH.NET buffers them as they arrive). Past it the
    /// session is closed and the next read fails with <see cref="CliFailure.ProtocolError"/>: a device streaming without
    /// end cannot make the service buffer without bound. Default 1 MiB (<see cref="DefaultMaxPendingBytes"/>); at least 4 KiB.
    /// </summary>
    public long MaxPendingBytes { get; set; } = DefaultMaxPendingBytes;

    /// <summary>Default of <see cref="MaxPendingBytes"/>.</summary>
    public const long DefaultMaxPendingBytes = 1024 * 1024;

    /// <summary>
    /// Asked before anything is sent to a target: returns why <c>host</c>:<c>port</c> must not be reached (the request
    /// fails with that text and nothing leaves the machine), or null to go ahead. Null (the default) allows every target.
    /// Drivers set the live-device policy here (CI reaches loopback simulators only); this library knows no policy itself.
    /// </summary>
    public Func<string, int, string?>? TargetPolicy { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Username}@{Host}:{Port}";
}
