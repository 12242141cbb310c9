namespace SpeedUp.Core.Access;

/// <summary>Protects access-key secrets at rest (the service must read them back to verify HMAC signatures).</summary>
public interface ISecretProtector
{
    /// <summary>The secret, encrypted and bound to <paramref name="keyId"/>.</summary>
    byte[] Protect(string keyId, string secret);

    /// <summary>The secret back; throws when the blob was not made for <paramref name="keyId"/> under this master key.</summary>
    string Unprotect(string keyId, byte[] protectedSecret);
}
