using SpeedUp.Core.Errors;
using SpeedUp.Drivers;

namespace SpeedUp.Scheduler.Internal;

/// <summary>Turns driver failures into the product's error (the device details stay in the message, never secrets).</summary>
internal static class DeviceErrors
{
    /// <summary>A <c>isp.SYSTEM_ERROR</c> naming the channel and what the driver saw.</summary>
    public static SpeedUpException ToProductError(this DriverException exception, string channelName) =>
        new(ProductErrorCode.SystemError,
            exception.IsChannelFault
                ? FailureKind.Unavailable
                : FailureKind.Internal,
            $"Supply channel '{channelName}' failed ({exception.Failure}): {exception.Message}",
            exception);
}
