using System.Net;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.Protocols.Radius.Internal;

namespace SpeedUp.Protocols.Radius.Tests.Internal;

public class DuplicateRequestCacheTests
{
    private static readonly IPEndPoint Source = new(IPAddress.Loopback, 1);

    [Fact]
    public void Begin_NewThenInProgressThenAnswered()
    {
        var cache = new DuplicateRequestCache(TimeSpan.FromSeconds(30), 16, new FakeTimeProvider());
        var key = new DuplicateKey(Source, 1, 42);

        Assert.Equal(DuplicateState.New, cache.Begin(key, out _));
        Assert.Equal(DuplicateState.InProgress, cache.Begin(key, out var none));
        Assert.Null(none);
        cache.Complete(key, [9]);
        Assert.Equal(DuplicateState.Answered, cache.Begin(key, out var answer));
        Assert.Equal([9], answer);
    }

    [Fact]
    public void Begin_FullCache_ForgetsTheOldestFirst()
    {
        var cache = new DuplicateRequestCache(TimeSpan.FromSeconds(30), 16, new FakeTimeProvider());
        for (var i = 0; i < 17; i++)
        {
            cache.Begin(new DuplicateKey(Source, (byte)i, 0), out _);
        }

        Assert.Equal(16, cache.Count);
        Assert.Equal(DuplicateState.New, cache.Begin(new DuplicateKey(Source, 0, 0), out _));
        Assert.Equal(DuplicateState.InProgress, cache.Begin(new DuplicateKey(Source, 16, 0), out _));
    }

    [Fact]
    public void Begin_AfterTheWindow_EntriesExpire()
    {
        var time = new FakeTimeProvider();
        var cache = new DuplicateRequestCache(TimeSpan.FromSeconds(30), 16, time);
        cache.Begin(new DuplicateKey(Source, 1, 0), out _);

        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(DuplicateState.New, cache.Begin(new DuplicateKey(Source, 1, 0), out _));
        Assert.Equal(1, cache.Count);
    }
}
