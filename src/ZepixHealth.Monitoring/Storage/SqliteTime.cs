namespace ZepixHealth.Monitoring;

/// <summary>Converts timestamps to and from the stored form: 100-ns ticks since the Unix epoch, UTC.</summary>
internal static class SqliteTime
{
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    public static long ToDb(DateTimeOffset value) => value.UtcTicks - EpochTicks;

    public static object ToDb(DateTimeOffset? value) => value is { } v ? ToDb(v) : DBNull.Value;

    public static DateTimeOffset FromDb(long value) => new(value + EpochTicks, TimeSpan.Zero);
}
