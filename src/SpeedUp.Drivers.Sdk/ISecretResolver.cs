namespace SpeedUp.Drivers;

/// <summary>
/// Turns a secret's reference in configuration into the secret (SSH password, SNMP community, SNMPv3 passwords, key
/// passphrases). Configuration names where a secret lives, never the secret itself outside loopback; the resolver
/// reads it — from the environment today (<see cref="EnvironmentSecretResolver"/>), from a secret store tomorrow,
/// without a driver changing. Implementations never log what they return.
/// </summary>
public interface ISecretResolver
{
    /// <summary>
    /// The secret named by <paramref name="reference"/> when it resolves to a non-empty value, else
    /// <paramref name="inlineValue"/> (allowed for local simulators only; the channel validation refuses it elsewhere).
    /// </summary>
    string? Resolve(string? reference, string? inlineValue);
}
