using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SpeedUp.Location;

/// <summary>
/// Reader of the ip2region v1 <c>.db</c> file (as shipped by the npm package <c>ip2region@2.3.0</c>,
/// <c>data/ip2region.db</c>). The whole file is loaded into memory once; lookups are a binary search
/// over the index and are thread-safe.
/// </summary>
/// <remarks>
/// Format (all integers are uint32 little-endian): an 8-byte header holding the offsets of the first
/// and the last index entry; index entries of 12 bytes: start IP, end IP (both inclusive) and a data
/// pointer whose low 24 bits are the offset and high 8 bits the length of the data record; a data
/// record is a 4-byte city id followed by UTF-8 text <c>country|area|province|city|isp</c>.
/// </remarks>
public sealed class Ip2RegionDatabase
{
    private const int HeaderLength = 8;
    private const int IndexEntryLength = 12;
    private const int CityIdLength = 4;
    private const string SetupHint = "Run scripts/setup.sh to (re)download it.";

    private readonly byte[] _data;
    private readonly int _firstIndex;

    private Ip2RegionDatabase(byte[] data, int firstIndex, int count, string path)
    {
        _data = data;
        _firstIndex = firstIndex;
        Count = count;
        Path = path;
    }

    /// <summary>Full path of the file this database was loaded from.</summary>
    public string Path { get; }

    /// <summary>Number of IP ranges (index entries) in the database.</summary>
    public int Count { get; }

    /// <summary>Loads and validates the database file.</summary>
    /// <param name="path">Path of the file; a relative path is relative to the current directory.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid ip2region v1 database.</exception>
    public static Ip2RegionDatabase Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException(
                $"The ip2region database '{fullPath}' does not exist. {SetupHint}", fullPath);
        }

        var data = File.ReadAllBytes(fullPath);
        var (firstIndex, count) = Validate(data, fullPath);
        return new Ip2RegionDatabase(data, firstIndex, count, fullPath);
    }

    /// <summary>Finds the record of an IPv4 address, or null when no range contains it.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not IPv4.</exception>
    public Ip2RegionRecord? Find(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"ip2region v1 only knows IPv4 addresses, not '{address}'.", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return Find(BinaryPrimitives.ReadUInt32BigEndian(bytes));
    }

    /// <summary>Finds the record of an IPv4 address given as a host-order number, or null when no range contains it.</summary>
    public Ip2RegionRecord? Find(uint ip)
    {
        int low = 0;
        int high = Count - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            var entry = _data.AsSpan(_firstIndex + (middle * IndexEntryLength), IndexEntryLength);
            if (ip < ReadUInt32(entry, 0))
            {
                high = middle - 1;
            }
            else if (ip > ReadUInt32(entry, 4))
            {
                low = middle + 1;
            }
            else
            {
                return ReadRecord(ReadUInt32(entry, 8));
            }
        }

        return null;
    }

    /// <summary>Every range of the database in ascending order, with its record (a full scan: for tools, not lookups).</summary>
    public IEnumerable<Ip2RegionRange> Ranges()
    {
        for (int i = 0; i < Count; i++)
        {
            var entry = _data.AsSpan(_firstIndex + (i * IndexEntryLength), IndexEntryLength);
            var start = ReadUInt32(entry, 0);
            var end = ReadUInt32(entry, 4);
            var record = ReadRecord(ReadUInt32(entry, 8));
            yield return new Ip2RegionRange(start, end, record);
        }
    }

    private Ip2RegionRecord ReadRecord(uint pointer)
    {
        int offset = (int)(pointer & 0x00FFFFFF);
        int length = (int)(pointer >> 24);
        var record = _data.AsSpan(offset, length);
        var text = Encoding.UTF8.GetString(record[CityIdLength..]);
        var parts = text.Split('|');
        return new Ip2RegionRecord(
            ReadUInt32(record, 0),
            Part(parts, 0),
            Part(parts, 1),
            Part(parts, 2),
            Part(parts, 3),
            Part(parts, 4));
    }

    private static string Part(string[] parts, int index) =>
        index < parts.Length && parts[index] != "0" ? parts[index] : "";

    private static (int FirstIndex, int Count) Validate(byte[] data, string path)
    {
        if (data.Length < HeaderLength + IndexEntryLength)
        {
            throw Corrupt(path, $"it is only {data.Length} bytes long");
        }

        long first = ReadUInt32(data, 0);
        long last = ReadUInt32(data, 4);
        if (first < HeaderLength || last < first || last + IndexEntryLength > data.Length
            || (last - first) % IndexEntryLength != 0)
        {
            throw Corrupt(path, $"the index pointers in the header (first {first}, last {last}) do not fit a file of {data.Length} bytes");
        }

        int count = (int)((last - first) / IndexEntryLength) + 1;
        long previousEnd = -1;
        for (int i = 0; i < count; i++)
        {
            var entry = data.AsSpan((int)first + (i * IndexEntryLength), IndexEntryLength);
            long start = ReadUInt32(entry, 0);
            long end = ReadUInt32(entry, 4);
            uint pointer = ReadUInt32(entry, 8);
            long offset = pointer & 0x00FFFFFF;
            long length = pointer >> 24;
            if (start > end || start <= previousEnd)
            {
                throw Corrupt(path, $"index entry {i} ({start}-{end}) is empty or not in ascending order");
            }

            if (length < CityIdLength || offset + length > data.Length)
            {
                throw Corrupt(path, $"index entry {i} points at a data record (offset {offset}, length {length}) outside the file");
            }

            previousEnd = end;
        }

        return ((int)first, count);
    }

    private static InvalidDataException Corrupt(string path, string reason) =>
        new($"The ip2region database '{path}' is corrupt: {reason}. {SetupHint}");

    private static uint ReadUInt32(ReadOnlySpan<byte> bytes, int offset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(offset, 4));
}
