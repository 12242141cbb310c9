namespace SpeedUp.Core.Telemetry;

/// <summary>
/// Tag (attribute) names and values shared by the service's instruments (docs/operations-metrics.md). Tags carry only
/// bounded values: carrier, province, channel, driver, outcome, reason — never a band id, an account or a key secret.
/// </summary>
public static class MetricTags
{
    /// <summary>The carrier (<c>ChinaTelecom</c>, <c>ChinaUnicom</c>).</summary>
    public const string Carrier = "speedup.carrier";

    /// <summary>The line's province, as the catalogue spells it.</summary>
    public const string Province = "speedup.province";

    /// <summary>The supply channel's configured name.</summary>
    public const string Channel = "speedup.channel";

    /// <summary>The channel's driver name (<c>huawei-cli-ssh</c>, <c>zte-snmp</c>, …).</summary>
    public const string Driver = "speedup.driver";

    /// <summary>What happened, from a short fixed list per instrument.</summary>
    public const string Outcome = "speedup.outcome";

    /// <summary>Why a session ended (<c>stopped</c>, <c>expired</c>, <c>apply_failed</c>, <c>restored_after_restart</c>).</summary>
    public const string EndReason = "speedup.end_reason";

    /// <summary>A session's state (<c>applying</c>, <c>active</c>, <c>restoring</c>).</summary>
    public const string SessionState = "speedup.session.state";

    /// <summary>The product error code of a failure (OpenTelemetry's <c>error.type</c>); absent on success.</summary>
    public const string ErrorType = "error.type";

    /// <summary>The value of <see cref="Channel"/> when no channel was involved.</summary>
    public const string NoChannel = "none";

    /// <summary>Lower-case snake case of an enum value (<c>RestoredAfterRestart</c> → <c>restored_after_restart</c>).</summary>
    public static string SnakeCase<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
