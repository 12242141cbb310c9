namespace SpeedUp.Simulator;

/// <summary>
/// One thing a face of the simulated equipment received, whatever it was and whatever came of it: a CLI line, or an
/// SNMP request, or a CoA/Disconnect request.
/// </summary>
/// <param name="Sequence">Increasing across both faces of one simulator, from 1: "what arrived after X" is <c>Sequence &gt; X</c>.</param>
/// <param name="Timestamp">When it was received (the simulator's clock).</param>
/// <param name="Face"><see cref="CommandFace.Cli"/>, <see cref="CommandFace.Snmp"/> or <see cref="CommandFace.Coa"/>.</param>
/// <param name="Text">
/// CLI: the line as the line editor ended it (no terminator; erase keys applied). SNMP: the request in the drivers'
/// dry-run notation (<c>GET oid, oid</c>, <c>GETNEXT oid</c>, <c>SET oid = Gauge32 150000</c>). CoA: the request in the CoA driver's
/// dry-run notation (<c>COA User-Name="zj0571a0001" Huawei-Output-Average-Rate=200000000</c>).
/// </param>
/// <param name="Origin">CLI: <c>vty &lt;n&gt;</c>; SNMP: version, sender and (v3) user, <c>(wrong community)</c> when refused; CoA: sender and identifier. Never a secret.</param>
public sealed record ReceivedInput(long Sequence, DateTimeOffset Timestamp, CommandFace Face, string Text, string Origin);
