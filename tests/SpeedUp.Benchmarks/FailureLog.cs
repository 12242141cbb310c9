using System.Collections.Concurrent;
using Grpc.Core;

namespace SpeedUp.Benchmarks;

/// <summary>Every failed call, with its gRPC status and the x-product-code trailer.</summary>
internal sealed class FailureLog
{
    private const int PrintedAtMost = 50;
    private readonly ConcurrentQueue<string> _failures = new();

    public int Count => _failures.Count;

    public void Add(string rpc, ServiceLine line, RpcException exception) =>
        _failures.Enqueue($"{rpc} {line}: {exception.StatusCode} x-product-code={exception.Trailers.GetValue("x-product-code") ?? "(none)"} \"{exception.Status.Detail}\"");

    public void Add(string rpc, ServiceLine line, string problem) => _failures.Enqueue($"{rpc} {line}: {problem}");

    public void Print()
    {
        Report.KeyValue("errors", Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var failure in _failures.Take(PrintedAtMost))
        {
            Report.Line("    " + failure);
        }

        if (Count > PrintedAtMost)
        {
            Report.Line($"    ... and {Count - PrintedAtMost} more");
        }
    }
}
