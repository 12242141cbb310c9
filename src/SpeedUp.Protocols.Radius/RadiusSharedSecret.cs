using System.Text;

namespace SpeedUp.Protocols.Radius;

/// <summary>
/// The secret a client and a server share (RFC 2865 §3). Its text never appears in <see cref="ToString"/>, logs or
/// exceptions.
/// </summary>
public sealed class RadiusSharedSecret
{
    private readonly byte[] _octets;

    /// <summary>A secret given as octets (at least one).</summary>
    public RadiusSharedSecret(ReadOnlySpan<byte> octets)
    {
        if (octets.IsEmpty)
        {
            throw new ArgumentException("A RADIUS shared secret must not be empty (RFC 2865 §3).", nameof(octets));
        }

        _octets = octets.ToArray();
    }

    /// <summary>A secret given as text (its UTF-8 octets, as radclient and FreeRADIUS use it).</summary>
    public RadiusSharedSecret(string text)
        : this(Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))))
    {
    }

    /// <summary>The secret's octets.</summary>
    internal ReadOnlySpan<byte> Octets => _octets;

    /// <summary>Never the secret itself.</summary>
    public override string ToString() => "RadiusSharedSecret(" + _octets.Length + " octets)";
}
