namespace SpeedUp.Testing;

/// <summary>One subscriber of <see cref="FakeHuaweiDevice"/>.</summary>
public sealed record FakeLine(
    long BandId, string Account, string Ip, int PortFirst, int PortLast, long Up, long Down, long MaxUp, long MaxDown);
