using System.Buffers.Binary;
using System.Text;

namespace SpeedUp.Location.Tests;

/// <summary>Writes small ip2region v1 files (header, data records, index) into a temporary folder.</summary>
internal sealed class SyntheticDatabase : IDisposable
{
    private readonly string _directory =
        Path.Combine(Path.GetTempPath(), "speedup-location-tests", Guid.NewGuid().ToString("N"));

    public SyntheticDatabase() => Directory.CreateDirectory(_directory);

    /// <summary>Builds a well-formed file's bytes from ranges (inclusive) and their texts.</summary>
    public static byte[] Build(params (uint Start, uint End, string Text)[] ranges)
    {
        using var stream = new MemoryStream();
        stream.Write(new byte[8]);
        var pointers = new List<uint>();
        uint cityId = 1000;
        foreach (var range in ranges)
        {
            var text = Encoding.UTF8.GetBytes(range.Text);
            var offset = (uint)stream.Position;
            WriteUInt32(stream, cityId++);
            stream.Write(text);
            pointers.Add(((uint)(4 + text.Length) << 24) | offset);
        }

        var first = (uint)stream.Position;
        for (int i = 0; i < ranges.Length; i++)
        {
            WriteUInt32(stream, ranges[i].Start);
            WriteUInt32(stream, ranges[i].End);
            WriteUInt32(stream, pointers[i]);
        }

        var bytes = stream.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0), first);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 12));
        return bytes;
    }

    /// <summary>Writes <paramref name="bytes"/> to a new file and returns its path.</summary>
    public string Write(byte[] bytes)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A path in the temporary folder where no file exists.</summary>
    public string MissingPath => Path.Combine(_directory, "missing", "ip2region.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        stream.Write(buffer);
    }
}
