namespace SpeedUp.Simulator;

/// <summary>Checks one seed line in isolation; cross-line rules live in <see cref="SeedLoader"/>.</summary>
internal static class SeedLineValidator
{
    public static SubscriberLineState? Validate(SeedLine? line, int index, List<string> errors)
    {
        var label = $"lines[{index}]";
        if (line is null)
        {
            errors.Add($"{label} is null");
            return null;
        }

        if (line.Account is not null)
        {
            label += $" ({line.Account})";
        }

        var before = errors.Count;
        var bandId = Require(line.BandId, "bandId", label, errors);
        if (bandId is not null and (<= 0 or > int.MaxValue))
        {
            errors.Add($"{label}: bandId {bandId} must be between 1 and {int.MaxValue}");
        }

        if (line.Account is null)
        {
            errors.Add($"{label}: 'account' is missing");
        }
        else if (!SeedLoader.IsValidAccount(line.Account))
        {
            errors.Add($"{label}: account '{line.Account}' must match [A-Za-z0-9._@-]{{1,64}}");
        }

        var address = System.Net.IPAddress.None;
        if (line.IpAddress is null)
        {
            errors.Add($"{label}: 'ipAddress' is missing");
        }
        else if (!SeedLoader.TryParseIPv4(line.IpAddress, out address))
        {
            errors.Add($"{label}: ipAddress '{line.IpAddress}' is not a dotted-quad IPv4 address");
        }

        var portFirst = RequireRange(line.PortFirst, "portFirst", 0, 65535, label, errors);
        var portLast = RequireRange(line.PortLast, "portLast", 0, 65535, label, errors);
        if (portFirst is not null && portLast is not null && portFirst > portLast)
        {
            errors.Add($"{label}: portFirst {portFirst} is greater than portLast {portLast}");
        }

        var maxUp = RequireRange(line.MaxUpKbps, "maxUpKbps", BrasState.MinimumRateKbps, int.MaxValue, label, errors);
        var maxDown = RequireRange(line.MaxDownKbps, "maxDownKbps", BrasState.MinimumRateKbps, int.MaxValue, label, errors);
        var baseUp = RequireRange(line.BaseUpKbps, "baseUpKbps", BrasState.MinimumRateKbps, maxUp ?? int.MaxValue, label, errors);
        var baseDown = RequireRange(line.BaseDownKbps, "baseDownKbps", BrasState.MinimumRateKbps, maxDown ?? int.MaxValue, label, errors);
        if (line.SpeedUpPermitted is null)
        {
            errors.Add($"{label}: 'speedUpPermitted' is missing");
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new SubscriberLineState(
            AccessIndex: index + 1,
            BandId: (int)bandId!.Value,
            Account: line.Account!,
            Province: line.Province ?? string.Empty,
            IpAddress: address,
            PortFirst: (int)portFirst!.Value,
            PortLast: (int)portLast!.Value,
            BaseUpKbps: (int)baseUp!.Value,
            BaseDownKbps: (int)baseDown!.Value,
            MaxUpKbps: (int)maxUp!.Value,
            MaxDownKbps: (int)maxDown!.Value,
            SpeedUpPermitted: line.SpeedUpPermitted!.Value,
            UpKbps: (int)baseUp.Value,
            DownKbps: (int)baseDown.Value);
    }

    private static long? Require(long? value, string name, string label, List<string> errors)
    {
        if (value is null)
        {
            errors.Add($"{label}: '{name}' is missing");
        }

        return value;
    }

    private static long? RequireRange(long? value, string name, long min, long max, string label, List<string> errors)
    {
        if (Require(value, name, label, errors) is not { } v)
        {
            return null;
        }

        if (v < min || v > max)
        {
            errors.Add($"{label}: {name} {v} must be between {min} and {max}");
            return null;
        }

        return v;
    }
}
