using System.Net;

namespace SpeedUp.Core.Sessions;

/// <summary>Which open sessions an operator lists: any of the fields may be left out (null).</summary>
public sealed record SessionFilter(long? BandId, IPAddress? IpAddress, string? CustomerId);

/// <summary>A page of open sessions and how many more matched beyond it.</summary>
public sealed record SessionPage(IReadOnlyList<SpeedUpSession> Sessions, int More);
