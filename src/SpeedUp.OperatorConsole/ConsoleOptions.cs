namespace SpeedUp.OperatorConsole;

/// <summary>The operator console (section <c>SpeedUp:Console</c>), served on the admin listener under <c>/console</c>.</summary>
public sealed class ConsoleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SpeedUp:Console";

    /// <summary>Whether the console is served (on the admin listener only). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A signed-in session ends after this long without a request. Default 30 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Failed sign-ins one client address may make within <see cref="FailureWindow"/> before it is locked out. Default 5.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>The window failed sign-ins are counted in. Default 15 minutes.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked-out address is refused (every sign-in, right or wrong). Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
