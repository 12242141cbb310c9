using Google.Protobuf.Reflection;
using ProtoService = Google.Protobuf.Reflection.ServiceDescriptor;

namespace SpeedUp.Host.Security;

/// <summary>
/// The methods the contract declares read-only (<c>option idempotency_level = NO_SIDE_EFFECTS</c> in protos/): the
/// signed-call check runs them while the call's nonce is being stored, and answers only once it is stored
/// (<see cref="SignedCallInterceptor"/>). Taken from the services' descriptors, so the .proto file is the one place
/// that says which methods change nothing.
/// </summary>
internal sealed class SideEffectFreeMethods(IEnumerable<ProtoService> services)
{
    private readonly HashSet<string> _paths = services
        .SelectMany(s => s.Methods
            .Where(m => m.GetOptions()?.IdempotencyLevel == MethodOptions.Types.IdempotencyLevel.NoSideEffects)
            .Select(m => $"/{s.FullName}/{m.Name}"))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The declared methods' paths (<c>/package.Service/Method</c>).</summary>
    public IReadOnlyCollection<string> Paths => _paths;

    /// <summary>Whether the method at <paramref name="path"/> is declared to change nothing.</summary>
    public bool Contains(string path) => _paths.Contains(path);
}
