namespace SpeedUp.Core.Errors;

/// <summary>
/// The store cannot be reached (the database is down, restarting or unreachable). Calls fail with the product's
/// <c>isp.SYSTEM_ERROR</c> as UNAVAILABLE and change nothing; background work retries at its next tick. The message
/// names the store, never a password.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
