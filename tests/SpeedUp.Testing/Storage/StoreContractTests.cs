using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace SpeedUp.Testing.Storage;

/// <summary>
/// Base of the store contract classes: each test gets a fresh store from <see cref="CreateStoreAsync"/> (the first
/// instance, <see cref="Store"/>), may open more instances over the same database with <see cref="SecondInstanceAsync"/>,
/// and everything is disposed after the test, the first instance last. The contract is the interfaces' XML docs in
/// SpeedUp.Core; the facts are inherited by one sealed class per provider (xUnit v3 runs inherited facts):
/// <code>
/// public sealed class SqliteSessionStoreContractTests : SessionStoreContractTests
/// {
///     protected override Task&lt;IStoreUnderTest&gt; CreateStoreAsync() =&gt; SqliteStoreUnderTest.CreateAsync();
/// }
/// </code>
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private readonly List<IStoreUnderTest> _instances = [];
    private IStoreUnderTest? _store;

    /// <summary>The first instance (created before each test).</summary>
    protected IStoreUnderTest Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh, empty, migrated store for one test.</summary>
    protected abstract Task<IStoreUnderTest> CreateStoreAsync();

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _store = await CreateStoreAsync();
        _instances.Add(_store);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var i = _instances.Count - 1; i >= 0; i--)
        {
            await _instances[i].DisposeAsync();
        }

        _instances.Clear();
        GC.SuppressFinalize(this);
    }

    /// <summary>Another instance of the service over the same database (disposed after the test).</summary>
    protected async Task<IStoreUnderTest> SecondInstanceAsync()
    {
        var second = await Store.SecondInstanceAsync();
        _instances.Add(second);
        return second;
    }

    /// <summary>Disposes an instance before the test ends (an instance that stops or dies).</summary>
    protected async Task StopAsync(IStoreUnderTest instance)
    {
        if (_instances.Remove(instance))
        {
            await instance.DisposeAsync();
        }
    }

    /// <summary>A service of the first instance.</summary>
    protected T Get<T>()
        where T : notnull => Store.Services.GetRequiredService<T>();

    /// <summary>A service of <paramref name="instance"/>.</summary>
    protected static T Get<T>(IStoreUnderTest instance)
        where T : notnull => instance.Services.GetRequiredService<T>();
}
