namespace SpeedUp.Drivers;

/// <summary>An inclusive block of public ports; a CGNAT subscriber owns one block of a shared address.</summary>
public readonly record struct PortRange(int First, int Last)
{
    /// <summary>The whole port space: a subscriber with a public address of its own.</summary>
    public static PortRange All { get; } = new(0, 65535);

    /// <summary>Whether <paramref name="port"/> lies in this block.</summary>
    public bool Contains(int port) => port >= First && port <= Last;
}
