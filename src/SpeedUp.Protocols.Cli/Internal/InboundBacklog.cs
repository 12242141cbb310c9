namespace SpeedUp.Protocols.Cli.Internal;

/// <summary>
/// Bytes a transport has received but nobody has read yet (SSH.NET's shell buffer grows with every packet the device
/// sends, whether or not a command waits). Once more than <c>limit</c> bytes are pending the backlog is
/// <see cref="Overflowed"/> for good: the transport closes the session instead of buffering without bound.
/// Thread-safe: the SSH receive thread adds, the reader takes.
/// </summary>
internal sealed class InboundBacklog(long limit)
{
    private long _pending;
    private int _overflowed;

    /// <summary>Bytes received and not yet read.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Whether the limit was ever passed.</summary>
    public bool Overflowed => Volatile.Read(ref _overflowed) != 0;

    /// <summary>Notes <paramref name="bytes"/> received; true exactly once, on the call that passes the limit.</summary>
    public bool Received(int bytes) =>
        Interlocked.Add(ref _pending, bytes) > limit && Interlocked.Exchange(ref _overflowed, 1) == 0;

    /// <summary>Notes <paramref name="bytes"/> read.</summary>
    public void Read(int bytes) => Interlocked.Add(ref _pending, -bytes);
}
