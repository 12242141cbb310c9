using SpeedUp.Core.Errors;

namespace SpeedUp.Core.Prechecks;

/// <summary>Finds the valid pre-check a request relies on, or fails with <c>isv.BAND_CHECK_EXPIRE</c>.</summary>
public sealed class PrecheckGuard(IPrecheckStore store, TimeProvider time)
{
    /// <summary>The customer's pre-check of the band id, if it is still valid (another customer's pre-check does not count).</summary>
    public async Task<Precheck> RequireValidAsync(string customerId, long bandId, CancellationToken cancellationToken)
    {
        var precheck = await store.FindAsync(customerId, bandId, cancellationToken).ConfigureAwait(false)
            ?? throw new SpeedUpException(ProductErrorCode.PrecheckExpired, FailureKind.FailedPrecondition,
                $"There is no pre-check for band_id {bandId}; call Precheck first.");
        if (!precheck.IsValidAt(time.GetUtcNow()))
        {
            throw new SpeedUpException(ProductErrorCode.PrecheckExpired, FailureKind.FailedPrecondition,
                $"The pre-check of band_id {bandId} expired at {precheck.ExpiresAt:O}; call Precheck again.");
        }

        return precheck;
    }
}
