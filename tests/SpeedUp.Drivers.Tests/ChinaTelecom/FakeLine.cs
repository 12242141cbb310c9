namespace SpeedUp.Drivers.Tests.ChinaTelecom;

/// <summary>One subscriber of <see cref="FakeHuaweiDevice"/>.</summary>
internal sealed record FakeLine(
    long BandId, string Account, string Ip, int PortFirst, int PortLast, long Up, long Down, long MaxUp, long MaxDown);
