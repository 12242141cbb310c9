namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>A user's keys localized to one snmpEngineID (RFC 3414 §2.6). <see cref="ToString"/> never shows them.</summary>
internal sealed class UsmLocalizedKeys(UsmUser user, byte[] authKey, byte[] privKey)
{
    public UsmUser User { get; } = user;

    public UsmAuthProtocol AuthProtocol => User.AuthProtocol;

    public UsmPrivProtocol PrivProtocol => User.PrivProtocol;

    /// <summary>Kul for the HMAC; empty without authentication.</summary>
    public byte[] AuthKey { get; } = authKey;

    /// <summary>The localized privacy key; empty without privacy.</summary>
    public byte[] PrivKey { get; } = privKey;

    public override string ToString() => "UsmLocalizedKeys { User = " + User.Name + " }";
}
