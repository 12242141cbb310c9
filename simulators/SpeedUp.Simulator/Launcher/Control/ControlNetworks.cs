using System.Net;

namespace SpeedUp.Simulator;

/// <summary>The networks the control endpoint serves, by name, in the launcher's order.</summary>
internal sealed class ControlNetworks(IReadOnlyList<(string Name, BrasSimulator Simulator)> networks)
{
    private readonly Dictionary<string, BrasSimulator> _byName = networks.ToDictionary(n => n.Name, n => n.Simulator, StringComparer.Ordinal);

    /// <summary>The names in the launcher's order.</summary>
    public IReadOnlyList<string> Order { get; } = [.. networks.Select(n => n.Name)];

    /// <summary>The network called <paramref name="name"/>.</summary>
    /// <exception cref="ControlError">404: no such network.</exception>
    public BrasSimulator Get(string name) => _byName.TryGetValue(name, out var simulator)
        ? simulator
        : throw new ControlError(HttpStatusCode.NotFound, $"Unknown network '{name}' (known: {string.Join(", ", Order)}).");
}
