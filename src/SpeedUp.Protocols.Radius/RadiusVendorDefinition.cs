namespace SpeedUp.Protocols.Radius;

/// <summary>A VENDOR line of a dictionary: name, SMI enterprise number and attribute format.</summary>
public sealed record RadiusVendorDefinition(string Name, uint Id, RadiusVendorFormat Format);
