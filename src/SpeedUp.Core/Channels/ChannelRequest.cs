namespace SpeedUp.Core.Channels;

/// <summary>One run of work over the supply channels able to serve a line.</summary>
/// <param name="Operation">What the run does, in words for failover records and errors (e.g. <c>restore band 330100001</c>).</param>
/// <param name="Demand">The line's carrier and province and, for a speed-up, the tier: selects the candidate channels.</param>
/// <param name="PreferredChannel">
/// A channel tried before the candidates when it is still configured, whatever it serves (the channel that applied a
/// session restores it first); null for none.
/// </param>
/// <param name="CustomerId">
/// The customer whose call this is, for the channels' fair share of call slots; null for the service's own work
/// (restores, reconciliation), which goes before every customer's.
/// </param>
public sealed record ChannelRequest(string Operation, ChannelDemand Demand, string? PreferredChannel = null, string? CustomerId = null);
