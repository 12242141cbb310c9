namespace SpeedUp.Protocols.Radius;

/// <summary>The vendor formats the codec splits and builds Vendor-Specific attributes with (a <see cref="RadiusDictionary"/> is one).</summary>
public interface IRadiusVendorFormats
{
    /// <summary>The format of <paramref name="vendorId"/>; <see cref="RadiusVendorFormat.Default"/> for a vendor it does not know.</summary>
    RadiusVendorFormat FormatOf(uint vendorId);
}
