using SpeedUp.Core.Errors;
using SpeedUp.Drivers;

namespace SpeedUp.Scheduler.Internal;

/// <summary>Turns driver failures into the product's error: the device details go to the operator detail, never the message.</summary>
internal static class DeviceErrors
{
    /// <summary>A <c>isp.SYSTEM_ERROR</c>; its operator detail names the channel and what the driver saw.</summary>
    public static SpeedUpException ToProductError(this DriverException exception, string channelName, string operation) =>
        new(ProductErrorCode.SystemError,
            exception.IsChannelFault
                ? FailureKind.Unavailable
                : FailureKind.Internal,
            $"The equipment could not {operation}.",
            $"Supply channel '{channelName}' failed ({exception.Failure}): {exception.Message}",
            exception);
}
