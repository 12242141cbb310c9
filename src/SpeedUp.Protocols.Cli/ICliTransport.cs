namespace SpeedUp.Protocols.Cli;

/// <summary>
/// The byte pipe under a <see cref="CliChannel"/>: an interactive shell on a device (SSH shell, or a
/// scripted device in tests). Not thread-safe: the channel serializes its use.
/// </summary>
public interface ICliTransport : IAsyncDisposable
{
    /// <summary>Whether the transport is open and the remote end has not closed it.</summary>
    bool IsConnected { get; }

    /// <summary>Opens the connection and authenticates.</summary>
    /// <exception cref="CliException">The device is unreachable, too slow, refused the credentials or its host key.</exception>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>Sends bytes to the device as they are (no line terminator is added).</summary>
    /// <exception cref="CliException">The transport is not connected.</exception>
    Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>
    /// Waits until the device has sent something, then copies what is available into <paramref name="buffer"/>.
    /// </summary>
    /// <returns>The number of bytes copied; 0 when the remote end closed the session.</returns>
    Task<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Closes the connection. Safe to call more than once.</summary>
    Task CloseAsync(CancellationToken cancellationToken);
}
