using System.Collections.Concurrent;

namespace SpeedUp.Protocols.Cli.Tests;

/// <summary>Builds pools over scripted devices and remembers every transport they created.</summary>
internal sealed class PoolHarness
{
    public ConcurrentQueue<InMemoryTransport> Transports { get; } = new();

    /// <summary>Answers every command with <c>answer to …</c> and the prompt; optional per-command hook.</summary>
    public Func<InMemoryTransport, string, string?>? Hook { get; set; }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The pool's clock: real unless a test gives a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public CliSessionPool Create(int maxSessions = 2, Action<CliSessionPoolOptions>? configure = null, CliDialect? dialect = null)
    {
        var options = new CliSessionPoolOptions { MaxSessions = maxSessions, TimeProvider = Time };
        options.ChannelOptions = new CliChannelOptions { CommandTimeout = TimeSpan.FromSeconds(5), TimeProvider = Time };
        configure?.Invoke(options);
        return new CliSessionPool(CreateTransport, dialect ?? TestDialect.Huawei, options);
    }

    /// <summary>Called with each transport the pool creates, before the pool opens it.</summary>
    public Action<InMemoryTransport>? Created { get; set; }

    /// <summary>What a hook returns to make the device stay silent.</summary>
    public const string Silent = "\0silent";

    public static async Task<string> Send(CliChannel channel, string command, CancellationToken token) =>
        (await channel.SendCommandAsync(command, token)).Output;

    private InMemoryTransport CreateTransport()
    {
        InMemoryTransport? transport = null;
        transport = new InMemoryTransport(
            input =>
            {
                var command = input.TrimEnd('\r');
                var hooked = Hook?.Invoke(transport!, command);
                if (hooked == Silent)
                {
                    return null;
                }

                return hooked ?? $"{command}\r\n{(command.Length == 0 ? "" : "answer to " + command + "\r\n")}<BRAS>";
            },
            "\r\n<BRAS>");
        Transports.Enqueue(transport);
        Created?.Invoke(transport);
        return transport;
    }
}
