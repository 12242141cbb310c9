using SpeedUp.Protocols.Snmp;
using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

public sealed class SubscriberMibTests
{
    private readonly BrasState _state = BrasState.FromSeedFile(SimulatorTestPaths.UnicomSeed);

    private SubscriberMib Mib => new(_state);

    [Fact]
    public void GetNext_FromTheStart_WalksTheWholeViewInStrictlyIncreasingOrder()
    {
        var mib = Mib;
        var seen = new List<ObjectIdentifier>();
        var oid = ObjectIdentifier.Parse("0.0");
        while (mib.GetNext(oid) is { } next)
        {
            Assert.True(next.Oid.CompareTo(oid) > 0);
            Assert.False(next.Value.IsException);
            Assert.Equal(next.Value, mib.Get(next.Oid));
            seen.Add(next.Oid);
            oid = next.Oid;
        }

        Assert.Equal(3 + (_state.Lines.Count * 10), seen.Count);
        Assert.Equal(MibOids.SysDescr, seen[0]);
        Assert.Equal(MibOids.Account(411000001), seen[3]);
        Assert.Null(mib.GetNext(ObjectIdentifier.Parse("1.3.6.1.4.1.3902.6051.2")));
        Assert.Equal(MibOids.Account(411000001), mib.GetNext(MibOids.SysName)?.Oid);
        Assert.Equal(MibOids.Account(411000001), mib.GetNext(MibOids.SubscriberEntry)?.Oid);
        Assert.Equal(MibOids.IpAddress(411000001), mib.GetNext(MibOids.Account(499999999))?.Oid);
    }

    [Fact]
    public void Get_AbsentInstanceOrObject_ReturnsNoSuchInstanceOrNoSuchObject()
    {
        var mib = Mib;
        Assert.Equal(SnmpValue.NoSuchInstance, mib.Get(MibOids.UpRate(12345)));
        Assert.Equal(SnmpValue.NoSuchInstance, mib.Get(ObjectIdentifier.Parse("1.3.6.1.2.1.1.5")));
        Assert.Equal(SnmpValue.NoSuchObject, mib.Get(ObjectIdentifier.Parse("1.3.6.1.2.1.1.4.0")));
        Assert.Equal(SnmpValue.NoSuchObject, mib.Get(MibOids.SubscriberEntry.Append(10, 411000001)));
        Assert.Equal(new SnmpInteger(432000003), mib.Get(MibOids.ByAddr(System.Net.IPAddress.Parse("58.240.57.100"), 3071)));
    }

    [Fact]
    public void Set_OffendingBinding_ReportsTheFirstAndAppliesNothing()
    {
        var mib = Mib;
        VarBind Up(int band, SnmpValue value) => new(MibOids.UpRate(band), value);
        Assert.Equal(new SnmpSetResult(SnmpErrorStatus.WrongType, 2),
            mib.Set([Up(411000001, new SnmpGauge32(8000)), Up(411000001, SnmpOctetString.FromString("8000"))]));
        Assert.Equal(new SnmpSetResult(SnmpErrorStatus.NoCreation, 2),
            mib.Set([Up(411000001, new SnmpGauge32(8000)), Up(7, new SnmpGauge32(8000))]));
        Assert.Equal(new SnmpSetResult(SnmpErrorStatus.NotWritable, 1),
            mib.Set([new VarBind(MibOids.MaxUp(411000001), new SnmpGauge32(8000))]));
        Assert.Equal(new SnmpSetResult(SnmpErrorStatus.WrongValue, 1), mib.Set([Up(411000001, new SnmpInteger(-5))]));
        Assert.Equal(new SnmpSetResult(SnmpErrorStatus.WrongValue, 2),
            mib.Set([Up(411000001, new SnmpGauge32(8000)), Up(461000002, new SnmpGauge32(10001))]));
        Assert.All(_state.Lines, l => Assert.True(l.AtBaseRates));
        Assert.Equal(5, _state.AuditLog.Count);

        Assert.Equal(SnmpSetResult.Success, mib.Set([Up(411000001, new SnmpGauge32(8000)), new(MibOids.DownRate(411000001), new SnmpInteger(300000))]));
        Assert.Equal((8000, 300000), (_state.FindByBandId(411000001)!.UpKbps, _state.FindByBandId(411000001)!.DownKbps));
        Assert.Equal(new SnmpGauge32(300000), mib.Get(MibOids.DownRate(411000001)));
    }
}
