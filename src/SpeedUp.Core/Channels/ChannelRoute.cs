using SpeedUp.Drivers;

namespace SpeedUp.Core.Channels;

/// <summary>A supply channel chosen to serve a request, with the driver that reaches its equipment.</summary>
public sealed record ChannelRoute(string ChannelName, ISubscriberLineDriver Driver);
