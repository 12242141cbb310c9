using System.Text;

namespace SpeedUp.Protocols.Snmp;

/// <summary>
/// An SNMPv3 USM user (RFC 3414 §2.1): a name, and optionally an authentication protocol and password,
/// and a privacy protocol and password. Passwords have at least 8 characters (RFC 3414 §11.2), privacy
/// needs authentication. <see cref="ToString"/> never shows the passwords.
/// </summary>
/// <param name="Name">The securityName / msgUserName: 1 to 32 octets of UTF-8 (RFC 3414 §2.4).</param>
/// <param name="AuthProtocol">The authentication protocol; <see cref="UsmAuthProtocol.None"/> for a noAuthNoPriv user.</param>
/// <param name="AuthPassword">The authentication password, localized per engine (RFC 3414 §2.6). Never logged.</param>
/// <param name="PrivProtocol">The privacy protocol; <see cref="UsmPrivProtocol.None"/> for no encryption.</param>
/// <param name="PrivPassword">The privacy password, localized with the authentication hash. Never logged.</param>
public sealed record UsmUser(
    string Name,
    UsmAuthProtocol AuthProtocol = UsmAuthProtocol.None,
    string? AuthPassword = null,
    UsmPrivProtocol PrivProtocol = UsmPrivProtocol.None,
    string? PrivPassword = null)
{
    /// <summary>The shortest password RFC 3414 §11.2 allows.</summary>
    public const int MinPasswordLength = 8;

    /// <summary>The longest user name in octets (SnmpAdminString (SIZE(1..32)), RFC 3414 §2.4).</summary>
    public const int MaxNameOctets = 32;

    private readonly bool _validated = Validate(Name, AuthProtocol, AuthPassword, PrivProtocol, PrivPassword);

    /// <summary>The highest securityLevel this user can use.</summary>
    public SnmpSecurityLevel Level => PrivProtocol != UsmPrivProtocol.None
        ? SnmpSecurityLevel.AuthPriv
        : AuthProtocol != UsmAuthProtocol.None ? SnmpSecurityLevel.AuthNoPriv : SnmpSecurityLevel.NoAuthNoPriv;

    /// <summary>The name and protocols; never the passwords.</summary>
    public override string ToString() =>
        "UsmUser { Name = " + Name + ", AuthProtocol = " + AuthProtocol + ", PrivProtocol = " + PrivProtocol + ", Level = " + Level + " }";

    /// <summary>Checks the user again (a <c>with</c> expression does not run the constructor's checks).</summary>
    /// <exception cref="ArgumentException">The user is not valid.</exception>
    internal void EnsureValid() => _ = _validated && Validate(Name, AuthProtocol, AuthPassword, PrivProtocol, PrivPassword);

    private static bool Validate(string name, UsmAuthProtocol auth, string? authPassword, UsmPrivProtocol priv, string? privPassword)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Encoding.UTF8.GetByteCount(name) > MaxNameOctets)
        {
            throw new ArgumentException("A USM user name has at most 32 octets (RFC 3414 §2.4).", nameof(name));
        }

        if (!Enum.IsDefined(auth) || !Enum.IsDefined(priv))
        {
            throw new ArgumentException("Unknown USM authentication or privacy protocol.");
        }

        CheckPassword(auth != UsmAuthProtocol.None, authPassword, nameof(AuthPassword), "authentication");
        CheckPassword(priv != UsmPrivProtocol.None, privPassword, nameof(PrivPassword), "privacy");
        if (priv != UsmPrivProtocol.None && auth == UsmAuthProtocol.None)
        {
            throw new ArgumentException("USM privacy needs an authentication protocol (RFC 3414 §3.1.1).", nameof(priv));
        }

        return true;
    }

    private static void CheckPassword(bool required, string? password, string parameter, string what)
    {
        if (!required)
        {
            if (password is not null)
            {
                throw new ArgumentException("A " + what + " password is given without a " + what + " protocol.", parameter);
            }

            return;
        }

        if (password is null || password.Length < MinPasswordLength)
        {
            throw new ArgumentException("The " + what + " password must have at least 8 characters (RFC 3414 §11.2).", parameter);
        }
    }
}
