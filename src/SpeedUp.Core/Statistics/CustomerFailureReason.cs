using SpeedUp.Core.Errors;

namespace SpeedUp.Core.Statistics;

/// <summary>
/// The failure reason a customer reads in the detail export: a product code and a fixed phrase, nothing stored as free
/// text. A failed session's recorded error is the operator's (it may name devices, users, host keys or quote a device's
/// output); a refused start's stored <c>code: message</c> gives only its code, and only a code of the product's.
/// </summary>
public static class CustomerFailureReason
{
    private static readonly Dictionary<string, string> Phrases = new(StringComparer.Ordinal)
    {
        [ProductErrorCode.SystemError] = "the target rate could not be applied",
        [ProductErrorCode.BusinessLimitControl] = "every able supply channel was at capacity",
        [ProductErrorCode.SpeedUpUnsupported] = "no supply channel can apply this target",
        [ProductErrorCode.InvalidParameters] = "the start was refused",
        [ProductErrorCode.PermissionDenied] = "the start was refused",
        [ProductErrorCode.ProductUnsubscribed] = "the start was refused",
        [ProductErrorCode.PrecheckExpired] = "the start was refused",
        [ProductErrorCode.CreateOrderFailure] = "the start was refused",
    };

    /// <summary>The reason of a failed detail row: <c>code: phrase</c>.</summary>
    /// <param name="recorded">What the store holds for the row (a session's last error, or a refused start's <c>code: message</c>).</param>
    public static string For(string? recorded)
    {
        var separator = recorded?.IndexOf(": ", StringComparison.Ordinal) ?? -1;
        var code = separator > 0 && Phrases.ContainsKey(recorded![..separator]) ? recorded[..separator] : ProductErrorCode.SystemError;
        return $"{code}: {Phrases[code]}";
    }
}
