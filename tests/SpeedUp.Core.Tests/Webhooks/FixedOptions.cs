using Microsoft.Extensions.Options;

namespace SpeedUp.Core.Tests.Webhooks;

/// <summary>An options monitor whose value a test sets.</summary>
internal sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; set; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
