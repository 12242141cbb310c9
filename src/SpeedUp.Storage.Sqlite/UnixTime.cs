namespace SpeedUp.Storage.Sqlite;

/// <summary>Timestamps as stored: Unix milliseconds, UTC.</summary>
internal static class UnixTime
{
    public static long ToStored(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromStored(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);
}
