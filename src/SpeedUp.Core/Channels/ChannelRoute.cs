using SpeedUp.Drivers;

namespace SpeedUp.Core.Channels;

/// <summary>A supply channel able to serve a request, with the (guarded) driver that reaches its equipment.</summary>
public sealed record ChannelRoute(string ChannelName, ISubscriberLineDriver Driver);
