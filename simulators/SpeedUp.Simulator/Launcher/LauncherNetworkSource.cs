namespace SpeedUp.Simulator;

/// <summary>A network as read, with the folder its relative paths are resolved against and where it was written (for messages).</summary>
/// <param name="Network">The network's keys.</param>
/// <param name="BaseDirectory">The directory of the file it is in.</param>
/// <param name="Origin">Where it was written: <c>launcher config '…'</c> or <c>network file '…'</c>.</param>
internal sealed record LauncherNetworkSource(LauncherNetworkConfig Network, string BaseDirectory, string Origin);
