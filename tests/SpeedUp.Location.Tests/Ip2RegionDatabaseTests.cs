using System.Buffers.Binary;
using System.Net;
using SpeedUp.Location;

namespace SpeedUp.Location.Tests;

public sealed class Ip2RegionDatabaseTests : IDisposable
{
    private static readonly (uint, uint, string)[] Ranges =
    [
        (Ip("0.0.0.0"), Ip("9.255.255.255"), "美国|0|0|0|Level3"),
        (Ip("10.0.0.0"), Ip("10.255.255.255"), "0|0|0|内网IP|内网IP"),
        (Ip("11.0.0.0"), Ip("11.0.0.255"), "中国|0|浙江省|杭州市|电信"),
        // gap: 11.0.1.0 - 11.0.1.255
        (Ip("11.0.2.0"), Ip("255.255.255.255"), "中国|0|北京|北京市|联通"),
    ];

    private readonly SyntheticDatabase _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("0.0.0.0", "美国", "Level3")]
    [InlineData("9.255.255.255", "美国", "Level3")]
    [InlineData("10.0.0.0", "", "内网IP")]
    [InlineData("10.255.255.255", "", "内网IP")]
    [InlineData("11.0.0.0", "中国", "电信")]
    [InlineData("11.0.0.255", "中国", "电信")]
    [InlineData("11.0.2.0", "中国", "联通")]
    [InlineData("255.255.255.255", "中国", "联通")]
    public void Find_AddressAtARangeBoundary_FindsTheRange(string address, string country, string isp)
    {
        var database = Ip2RegionDatabase.Load(_files.Write(SyntheticDatabase.Build(Ranges)));

        var record = database.Find(IPAddress.Parse(address));

        Assert.NotNull(record);
        Assert.Equal(country, record.Country);
        Assert.Equal(isp, record.Isp);
    }

    [Theory]
    [InlineData("11.0.1.0")]
    [InlineData("11.0.1.255")]
    public void Find_AddressInAGap_ReturnsNull(string address)
    {
        var database = Ip2RegionDatabase.Load(_files.Write(SyntheticDatabase.Build(Ranges)));

        Assert.Null(database.Find(IPAddress.Parse(address)));
    }

    [Fact]
    public void Load_ValidFile_ReadsAllFieldsAndTurnsZeroIntoEmpty()
    {
        var path = _files.Write(SyntheticDatabase.Build(Ranges));
        var database = Ip2RegionDatabase.Load(path);

        Assert.Equal(4, database.Count);
        Assert.Equal(Path.GetFullPath(path), database.Path);
        Assert.Equal(new Ip2RegionRecord(1002, "中国", "", "浙江省", "杭州市", "电信"), database.Find(Ip("11.0.0.7")));
        Assert.Equal(new Ip2RegionRecord(1001, "", "", "", "内网IP", "内网IP"), database.Find(Ip("10.1.2.3")));
    }

    [Fact]
    public void Find_RecordWithMissingFields_IsTolerated()
    {
        var database = Ip2RegionDatabase.Load(_files.Write(SyntheticDatabase.Build((0, uint.MaxValue, "中国|0|浙江省"))));

        Assert.Equal(new Ip2RegionRecord(1000, "中国", "", "浙江省", "", ""), database.Find(Ip("1.2.3.4")));
    }

    [Fact]
    public void Find_IPv6Address_Throws()
    {
        var database = Ip2RegionDatabase.Load(_files.Write(SyntheticDatabase.Build(Ranges)));

        Assert.Throws<ArgumentException>(() => database.Find(IPAddress.IPv6Loopback));
    }

    [Fact]
    public void Load_MissingFile_NamesTheFileAndTheSetupScript()
    {
        var path = _files.MissingPath;

        var error = Assert.Throws<FileNotFoundException>(() => Ip2RegionDatabase.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Corruptions =>
    [
        "empty", "short", "first-inside-header", "last-before-first", "last-past-end", "misaligned",
        "unsorted", "overlapping", "start-after-end", "data-past-end", "data-too-short",
    ];

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Load_CorruptFile_NamesTheFileAndTheSetupScript(string corruption)
    {
        var bytes = SyntheticDatabase.Build(Ranges);
        var first = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        switch (corruption)
        {
            case "empty": bytes = []; break;
            case "short": bytes = bytes[..10]; break;
            case "first-inside-header": SetUInt32(bytes, 0, 4); break;
            case "last-before-first": SetUInt32(bytes, 4, (uint)first - 12); break;
            case "last-past-end": SetUInt32(bytes, 4, (uint)bytes.Length - 6); break;
            case "misaligned": SetUInt32(bytes, 4, (uint)bytes.Length - 13); break;
            case "unsorted": Swap(bytes, first, first + 12); break;
            case "overlapping": SetUInt32(bytes, first + 12, Ip("9.255.255.255")); break;
            case "start-after-end": SetUInt32(bytes, first + 24, Ip("11.0.1.0")); break;
            case "data-past-end": SetUInt32(bytes, first + 8, (40u << 24) | (uint)(bytes.Length - 20)); break;
            case "data-too-short": SetUInt32(bytes, first + 8, (3u << 24) | 8); break;
            default: throw new ArgumentOutOfRangeException(nameof(corruption));
        }

        var path = _files.Write(bytes);

        var error = Assert.Throws<InvalidDataException>(() => Ip2RegionDatabase.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RealDatabase_HasOver100000RangesCoveringEveryAddress()
    {
        var database = RepositoryDatabase.Database;

        Assert.True(database.Count > 100_000, $"only {database.Count} ranges");
        Assert.NotNull(database.Find(IPAddress.Any));
        Assert.NotNull(database.Find(IPAddress.Broadcast));
    }

    private static uint Ip(string address) =>
        BinaryPrimitives.ReadUInt32BigEndian(IPAddress.Parse(address).GetAddressBytes());

    private static void SetUInt32(byte[] bytes, int offset, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), value);

    private static void Swap(byte[] bytes, int a, int b)
    {
        var entry = bytes.AsSpan(a, 12).ToArray();
        bytes.AsSpan(b, 12).CopyTo(bytes.AsSpan(a));
        entry.CopyTo(bytes.AsSpan(b));
    }
}
