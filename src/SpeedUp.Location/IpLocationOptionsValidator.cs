using Microsoft.Extensions.Options;

namespace SpeedUp.Location;

/// <summary>
/// Validates <see cref="IpLocationOptions"/> at start-up: the database file must exist and every override
/// must be a valid IPv4 CIDR with a carrier and a catalogue province.
/// </summary>
public sealed class IpLocationOptionsValidator : IValidateOptions<IpLocationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IpLocationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            errors.Add($"{IpLocationOptions.SectionName}:DatabasePath is required.");
        }
        else
        {
            var fullPath = Path.GetFullPath(options.DatabasePath);
            if (!File.Exists(fullPath))
            {
                errors.Add($"{IpLocationOptions.SectionName}:DatabasePath: the ip2region database '{fullPath}' does not exist. Run scripts/setup.sh to download it.");
            }
        }

        errors.AddRange(CidrOverrideTable.Validate(options.Overrides));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
