using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace SpeedUp.Protocols.Cli.Tests;

/// <summary>
/// A scripted device for tests on a fake clock: like <see cref="InMemoryTransport"/>, and it tells when the channel is
/// blocked in a read with nothing left to read (<see cref="Idle"/>), so a test moves the clock only once every timer of
/// the wait is set.
/// </summary>
internal sealed class ClockedDevice(Func<string, string?> respond, string greeting) : ICliTransport
{
    private readonly Channel<byte[]> _output = Channel.CreateUnbounded<byte[]>();
    private byte[]? _pending;
    private int _pendingOffset;
    private volatile bool _waiting;
    private volatile bool _connected;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Whether the channel waits in a read and every byte sent was read.</summary>
    public bool Idle => _waiting && _output.Reader.Count == 0;

    public bool IsConnected => _connected;

    public Task OpenAsync(CancellationToken cancellationToken)
    {
        _connected = true;
        Push(greeting);
        return Task.CompletedTask;
    }

    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (respond(Encoding.UTF8.GetString(data.Span)) is { } answer)
        {
            Push(answer);
        }

        return Task.CompletedTask;
    }

    /// <summary>Makes the device send <paramref name="text"/> now.</summary>
    public void Push(string text)
    {
        if (text.Length > 0)
        {
            _output.Writer.TryWrite(Encoding.UTF8.GetBytes(text));
        }
    }

    public async Task<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_pending is null)
        {
            if (!_output.Reader.TryRead(out var next))
            {
                _waiting = true;
                try
                {
                    if (!await _output.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return 0;
                    }
                }
                finally
                {
                    _waiting = false;
                }

                if (!_output.Reader.TryRead(out next))
                {
                    return 0;
                }
            }

            _pending = next;
            _pendingOffset = 0;
        }

        var count = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
        _pending.AsSpan(_pendingOffset, count).CopyTo(buffer.Span);
        _pendingOffset += count;
        if (_pendingOffset == _pending.Length)
        {
            _pending = null;
        }

        return count;
    }

    public Task CloseAsync(CancellationToken cancellationToken)
    {
        _connected = false;
        _output.Writer.TryComplete();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(CloseAsync(CancellationToken.None));

    /// <summary>Waits (real time, bounded) until the channel is blocked in a read or <paramref name="task"/> is over.</summary>
    public async Task SettleAsync(Task task)
    {
        for (var i = 0; i < 5000 && !task.IsCompleted && !Idle; i++)
        {
            await Task.Delay(1, Token);
        }

        Assert.True(task.IsCompleted || Idle, "the channel neither finished nor waited for the device within 5 s of real time");
    }

    /// <summary>
    /// Moves <paramref name="time"/> by <paramref name="step"/> each time the channel waits, until <paramref name="task"/>
    /// is over; returns how much fake time that took. Fails past <paramref name="limit"/>.
    /// </summary>
    public async Task<TimeSpan> AdvanceUntilDoneAsync(FakeTimeProvider time, Task task, TimeSpan step, TimeSpan limit)
    {
        var start = time.GetUtcNow();
        while (true)
        {
            await SettleAsync(task);
            if (task.IsCompleted)
            {
                return time.GetUtcNow() - start;
            }

            Assert.True(time.GetUtcNow() - start < limit, $"still waiting after {limit} of fake time");
            time.Advance(step);
            await Task.Delay(2, Token); // lets a cancelled read finish before Idle is looked at again
        }
    }
}
