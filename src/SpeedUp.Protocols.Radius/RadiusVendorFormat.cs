namespace SpeedUp.Protocols.Radius;

/// <summary>
/// How a vendor lays out its attributes inside Vendor-Specific: octets of the type field (1, 2 or 4), of the length
/// field (0, 1 or 2), and whether a continuation octet follows (WiMAX). FreeRADIUS dictionaries spell it
/// <c>format=t,l[,c]</c>; the RFC 2865 §5.26 suggestion, and the default, is 1,1.
/// </summary>
public readonly record struct RadiusVendorFormat(int TypeLength, int LengthLength, bool HasContinuation)
{
    /// <summary>Type and length of one octet each (RFC 2865 §5.26).</summary>
    public static RadiusVendorFormat Default { get; } = new(1, 1, false);

    /// <summary>Whether the sizes are ones the format allows.</summary>
    public bool IsValid => TypeLength is 1 or 2 or 4 && LengthLength is 0 or 1 or 2 && (!HasContinuation || LengthLength == 1);

    /// <summary>The largest vendor type this format can carry.</summary>
    public uint MaxVendorType => TypeLength switch { 1 => byte.MaxValue, 2 => ushort.MaxValue, _ => uint.MaxValue };

    /// <summary>Octets before a sub-attribute's value.</summary>
    public int HeaderLength => TypeLength + LengthLength + (HasContinuation ? 1 : 0);
}
