using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace SpeedUp.Protocols.Snmp;

/// <summary>
/// An SNMP OBJECT IDENTIFIER: 2 to 128 sub-identifiers, each below 2^32 (RFC 2578 §3.5, §7.1.3).
/// Immutable; ordered lexicographically as GETNEXT walks a MIB.
/// </summary>
public sealed class ObjectIdentifier : IComparable<ObjectIdentifier>, IEquatable<ObjectIdentifier>
{
    /// <summary>The most sub-identifiers an OID may have (RFC 2578 §3.5).</summary>
    public const int MaxSubIdentifiers = 128;

    private readonly uint[] _components;
    private string? _text;

    /// <summary>Creates an OID from its sub-identifiers.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 or more than 128 sub-identifiers, or invalid first arcs.</exception>
    public ObjectIdentifier(ReadOnlySpan<uint> components)
    {
        var error = Validate(components);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(components));
        }

        _components = components.ToArray();
        Components = new ReadOnlyCollection<uint>(_components);
    }

    /// <summary>Creates an OID from its sub-identifiers.</summary>
    public ObjectIdentifier(uint[] components)
        : this((components ?? throw new ArgumentNullException(nameof(components))).AsSpan())
    {
    }

    /// <summary>The sub-identifiers, first to last.</summary>
    public IReadOnlyList<uint> Components { get; }

    /// <summary>Parses a dotted OID such as <c>1.3.6.1.2.1.1.1.0</c> (a leading dot is accepted).</summary>
    /// <exception cref="FormatException">The text is not a valid OID.</exception>
    public static ObjectIdentifier Parse(string dotted) =>
        TryParse(dotted, out var oid) ? oid : throw new FormatException("Not a valid SNMP object identifier.");

    /// <summary>Tries to parse a dotted OID (a leading dot is accepted).</summary>
    public static bool TryParse(string? dotted, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ObjectIdentifier? oid)
    {
        oid = null;
        if (string.IsNullOrEmpty(dotted))
        {
            return false;
        }

        var text = dotted.AsSpan();
        if (text[0] == '.')
        {
            text = text[1..];
        }

        Span<uint> buffer = stackalloc uint[MaxSubIdentifiers];
        var count = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (count == MaxSubIdentifiers || part.IsEmpty
                || !uint.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            buffer[count++] = value;
        }

        var components = buffer[..count];
        if (Validate(components) is not null)
        {
            return false;
        }

        oid = new ObjectIdentifier(components);
        return true;
    }

    /// <summary>Returns this OID followed by <paramref name="subIdentifiers"/> (e.g. a table column plus its index).</summary>
    public ObjectIdentifier Append(params uint[] subIdentifiers)
    {
        ArgumentNullException.ThrowIfNull(subIdentifiers);
        var combined = new uint[_components.Length + subIdentifiers.Length];
        _components.CopyTo(combined, 0);
        subIdentifiers.CopyTo(combined, _components.Length);
        return new ObjectIdentifier(combined);
    }

    /// <summary>Whether this OID equals <paramref name="prefix"/> or lies under it.</summary>
    public bool StartsWith(ObjectIdentifier prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return _components.AsSpan().StartsWith(prefix._components);
    }

    /// <summary>Lexicographic order of sub-identifiers; a prefix sorts before its descendants.</summary>
    public int CompareTo(ObjectIdentifier? other) =>
        other is null ? 1 : _components.AsSpan().SequenceCompareTo(other._components);

    /// <inheritdoc />
    public bool Equals(ObjectIdentifier? other) =>
        other is not null && _components.AsSpan().SequenceEqual(other._components);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ObjectIdentifier);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_components.AsSpan()));
        return hash.ToHashCode();
    }

    /// <summary>The dotted form without a leading dot, e.g. <c>1.3.6.1.2.1.1.1.0</c>.</summary>
    public override string ToString() => _text ??= Format(_components);

    /// <summary>Equality by sub-identifiers.</summary>
    public static bool operator ==(ObjectIdentifier? left, ObjectIdentifier? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by sub-identifiers.</summary>
    public static bool operator !=(ObjectIdentifier? left, ObjectIdentifier? right) => !(left == right);

    /// <summary>Lexicographic less-than.</summary>
    public static bool operator <(ObjectIdentifier? left, ObjectIdentifier? right) => Compare(left, right) < 0;

    /// <summary>Lexicographic less-than-or-equal.</summary>
    public static bool operator <=(ObjectIdentifier? left, ObjectIdentifier? right) => Compare(left, right) <= 0;

    /// <summary>Lexicographic greater-than.</summary>
    public static bool operator >(ObjectIdentifier? left, ObjectIdentifier? right) => Compare(left, right) > 0;

    /// <summary>Lexicographic greater-than-or-equal.</summary>
    public static bool operator >=(ObjectIdentifier? left, ObjectIdentifier? right) => Compare(left, right) >= 0;

    private static int Compare(ObjectIdentifier? left, ObjectIdentifier? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    private static string? Validate(ReadOnlySpan<uint> components)
    {
        if (components.Length < 2)
        {
            return "An object identifier needs at least two sub-identifiers.";
        }

        if (components.Length > MaxSubIdentifiers)
        {
            return "An object identifier has at most 128 sub-identifiers (RFC 2578).";
        }

        if (components[0] > 2 || (components[0] < 2 && components[1] >= 40))
        {
            return "The first arc must be 0, 1 or 2, and the second below 40 under arcs 0 and 1 (X.660).";
        }

        return null;
    }

    private static string Format(uint[] components)
    {
        var builder = new StringBuilder(components.Length * 4);
        for (var i = 0; i < components.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('.');
            }

            builder.Append(components[i].ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
