using System.Diagnostics;
using System.Globalization;

namespace SpeedUp.Drivers.Conformance.Runner;

/// <summary>One rule's outcome as the command prints it: the kit's result, how long it took, the transcript of the rule and the likely cause.</summary>
public sealed record RuleReport(ConformanceResult Result, TimeSpan Elapsed, IReadOnlyList<string> Transcript, string? Cause);

/// <summary>Runs every rule of the kit against a target, one after the other, keeping each rule's transcript.</summary>
public static class ConformanceRun
{
    /// <summary>Lines of transcript printed under a failed rule (the last ones: where it went wrong).</summary>
    public const int TranscriptExcerpt = 12;

    /// <summary>Runs the rules (all, or those whose id is in <paramref name="only"/>) and reports each as it ends.</summary>
    public static async Task<IReadOnlyList<RuleReport>> RunAsync(
        IConformanceTarget target, TranscriptCapture transcript, IReadOnlySet<string>? only, Action<RuleReport> reported, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(reported);
        var checks = new DriverConformanceChecks(target);
        var reports = new List<RuleReport>();
        foreach (var (rule, run) in checks.All.Where(check => only is null || only.Contains(check.Rule.Id())))
        {
            transcript.Drain();
            var clock = Stopwatch.StartNew();
            ConformanceResult result;
            try
            {
                result = new ConformanceResult(rule, ConformanceOutcome.Passed, await run(cancellationToken).ConfigureAwait(false));
            }
            catch (ConformanceException exception)
            {
                result = new ConformanceResult(exception.Rule, ConformanceOutcome.Failed, exception.Message);
            }
            catch (ConformanceNotApplicableException exception)
            {
                result = new ConformanceResult(rule, ConformanceOutcome.NotRun, exception.Message);
            }

            var lines = transcript.Drain();
            var report = new RuleReport(result, clock.Elapsed, result.Outcome == ConformanceOutcome.Failed ? [.. lines.TakeLast(TranscriptExcerpt)] : [],
                result.Outcome == ConformanceOutcome.Failed ? LikelyCause.Of(result.Rule, result.Detail) : null);
            reports.Add(report);
            reported(report);
        }

        return reports;
    }

    /// <summary>The report of one rule as text: <c>PASS CK05 SetReadBack (1.2 s) …</c>, then transcript and likely cause when it failed.</summary>
    public static string Format(RuleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var verdict = report.Result.Outcome switch
        {
            ConformanceOutcome.Passed => "PASS",
            ConformanceOutcome.Failed => "FAIL",
            _ => "SKIP",
        };
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{verdict} {report.Result.Rule.Id()} {report.Result.Rule} ({report.Elapsed.TotalSeconds:0.0} s): {report.Result.Detail}");
        if (report.Result.Outcome != ConformanceOutcome.Failed)
        {
            return text;
        }

        var lines = new List<string> { text };
        if (report.Transcript.Count > 0)
        {
            lines.Add("     transcript (last lines, secrets masked):");
            lines.AddRange(report.Transcript.SelectMany(entry => entry.Split('\n')).TakeLast(TranscriptExcerpt * 3).Select(line => "       | " + line.TrimEnd('\r')));
        }

        lines.Add("     likely cause: " + report.Cause);
        return string.Join(Environment.NewLine, lines);
    }
}
