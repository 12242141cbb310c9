namespace SpeedUp.Core.Errors;

/// <summary>The product's error codes, spelled exactly as the upstream API spells them.</summary>
public static class ProductErrorCode
{
    /// <summary>Success.</summary>
    public const string Ok = "OK";

    /// <summary>The caller's key may not call this action.</summary>
    public const string PermissionDenied = "isp.RAM_PERMISSION_DENY";

    /// <summary>The caller has not subscribed to the product.</summary>
    public const string ProductUnsubscribed = "isv.PRODUCT_UNSUBSCRIBE";

    /// <summary>Bad parameters.</summary>
    public const string InvalidParameters = "isv.INVALID_PARAMETERS";

    /// <summary>System error.</summary>
    public const string SystemError = "isp.SYSTEM_ERROR";

    /// <summary>Rate limited.</summary>
    public const string BusinessLimitControl = "isv.BUSINESS_LIMIT_CONTROL";

    /// <summary>Ordering failed.</summary>
    public const string CreateOrderFailure = "isp.LX_CREATE_ORDER_FAILURE";

    /// <summary>This line cannot be sped up (spelling as in the product).</summary>
    public const string SpeedUpUnsupported = "isv.BAND_UNSURPOT_SPEEDUP";

    /// <summary>The pre-check has expired (or there is none).</summary>
    public const string PrecheckExpired = "isv.BAND_CHECK_EXPIRE";
}
