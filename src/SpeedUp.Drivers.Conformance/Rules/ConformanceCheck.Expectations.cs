namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>How a check expects a call to end, and how it checks and restores the equipment afterwards.</summary>
internal abstract partial class ConformanceCheck
{
    protected async Task<T> Call<T>(ConformanceRule rule, string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DriverException exception)
        {
            EnsureNoSecret(exception.ToString(), what + "'s exception");
            throw Fail(rule, $"{what} failed with {exception.Failure}: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is not (ConformanceException or OperationCanceledException))
        {
            throw Fail(rule, $"{what} threw {exception.GetType().Name} instead of returning or throwing DriverException: {exception.Message}", exception);
        }
    }

    protected async Task<DriverException> ExpectFailureAsync(ConformanceRule rule, string what, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (DriverException exception)
        {
            EnsureNoSecret(exception.ToString(), what + "'s exception");
            return exception;
        }
        catch (Exception exception) when (exception is not ConformanceException)
        {
            throw Fail(rule, $"{what} threw {exception.GetType().Name} instead of DriverException: {exception.Message}", exception);
        }

        throw Fail(rule, $"{what} succeeded; it must fail with a DriverException.");
    }

    protected async Task ExpectInvalidAsync(ConformanceRule rule, string what, Func<Task> call)
    {
        var failure = await ExpectFailureAsync(rule, what, call).ConfigureAwait(false);
        if (failure.Failure != DriverFailure.InvalidValue)
        {
            throw Fail(rule, $"{what} failed with {failure.Failure}, expected InvalidValue (refused before anything is sent): {failure.Message}");
        }
    }

    protected async Task ExpectCancelledAsync(ConformanceRule rule, string what, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (DriverException exception)
        {
            throw Fail(rule, $"{what} failed with DriverException {exception.Failure} instead of OperationCanceledException: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is not ConformanceException)
        {
            throw Fail(rule, $"{what} threw {exception.GetType().Name} instead of OperationCanceledException: {exception.Message}", exception);
        }

        throw Fail(rule, $"{what} completed although its token was cancelled.");
    }

    protected async Task ExpectUnchangedAsync(ConformanceRule rule, LineReference line, LineRates expected, ISubscriberLineDriver driver, CancellationToken cancellationToken)
    {
        var now = await Target.ReadEquipmentAsync(line, cancellationToken).ConfigureAwait(false);
        if (now.Rates != expected)
        {
            await RestoreAsync(driver, line, expected, cancellationToken).ConfigureAwait(false);
            throw Fail(rule, $"the line changed from {Describe(expected)} to {Describe(now.Rates)} although every call failed.");
        }
    }

    protected async Task<int> AuditCountAsync(CancellationToken cancellationToken) =>
        Has(TargetCapabilities.Audit) ? (await Target.ReadAuditAsync(cancellationToken).ConfigureAwait(false)).Count : 0;

    protected async Task ExpectNoAuditAsync(ConformanceRule rule, int before, string cause, CancellationToken cancellationToken)
    {
        if (!Has(TargetCapabilities.Audit))
        {
            return;
        }

        var audit = await Target.ReadAuditAsync(cancellationToken).ConfigureAwait(false);
        if (audit.Count > before)
        {
            throw Fail(rule, $"{cause} reached the equipment: its audit shows {string.Join(" | ", audit.Skip(before).Select(Printable))}.");
        }
    }

    protected async Task RestoreAsync(ISubscriberLineDriver driver, LineReference line, LineRates original, CancellationToken cancellationToken)
    {
        if (!Has(TargetCapabilities.Writes))
        {
            return;
        }

        try
        {
            await Target.SetDeviceDelayIfSupportedAsync(Has(TargetCapabilities.DeviceDelay)).ConfigureAwait(false);
            var now = await Target.ReadEquipmentAsync(line, CancellationToken.None).ConfigureAwait(false);
            foreach (var direction in Enum.GetValues<Direction>())
            {
                if (now.Rates.Of(direction) != original.Of(direction))
                {
                    await driver.SetRateAsync(line, direction, original.Of(direction), CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception exception) when (exception is DriverException or OperationCanceledException)
        {
            // Best effort: the check's own failure is what matters; the next run starts from the equipment's state.
            _ = cancellationToken;
        }
    }
}
