using Microsoft.Extensions.Options;
using SpeedUp.Core.Errors;
using SpeedUp.Location;

namespace SpeedUp.Host;

/// <summary>
/// The service's IP location for a command: <c>SpeedUp:Location</c> from the same configuration the service reads
/// (appsettings.json beside the service, environment, command line), validated the same way.
/// </summary>
internal sealed class LocationCommandSetup
{
    private LocationCommandSetup(Ip2RegionDatabase database, CidrOverrideTable overrides)
    {
        Database = database;
        Overrides = overrides;
        Locator = new IpLocator(database, overrides);
    }

    public Ip2RegionDatabase Database { get; }

    public CidrOverrideTable Overrides { get; }

    /// <summary>Locates as the service's pre-check does (overrides first, then ip2region).</summary>
    public IpLocator Locator { get; }

    /// <exception cref="SpeedUpException">The location settings are invalid or the database cannot be read.</exception>
    public static LocationCommandSetup Load(IReadOnlyList<string> configurationArgs)
    {
        var configuration = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. configurationArgs], ContentRootPath = AppContext.BaseDirectory }).Configuration;
        var options = configuration.GetSection(IpLocationOptions.SectionName).Get<IpLocationOptions>() ?? new IpLocationOptions();
        var result = new IpLocationOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw SpeedUpException.InvalidParameter(string.Join(" ", result.Failures));
        }

        try
        {
            return new LocationCommandSetup(Ip2RegionDatabase.Load(options.DatabasePath), new CidrOverrideTable(options.Overrides));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw SpeedUpException.InvalidParameter(e.Message);
        }
    }
}
