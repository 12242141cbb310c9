namespace SpeedUp.Simulator;

/// <summary>The object types the subscriber MIB serves (docs/simulator.md). Values of the table columns are their sub-identifiers.</summary>
internal enum MibObject
{
    SysDescr = 101,
    SysUpTime = 103,
    SysName = 105,
    Account = 1,
    IpAddress = 2,
    PortFirst = 3,
    PortLast = 4,
    UpRate = 5,
    DownRate = 6,
    MaxUp = 7,
    MaxDown = 8,
    SpeedUpPermitted = 9,
    ByAddrBandId = 201,
}
