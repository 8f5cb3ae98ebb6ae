using System.Diagnostics.Metrics;

namespace ZepixHealth.Monitoring;

/// <summary>The store's instruments, on the library's meter <c>ZepixHealth.Monitoring</c>.</summary>
internal static class SqliteHealthStoreMetrics
{
    private static Meter Meter => MonitoringDiagnostics.Meter;

    /// <summary>Snapshots dropped because the write queue was full (or the store had stopped).</summary>
    public static readonly Counter<long> SnapshotsDropped = Meter.CreateCounter<long>(
        "zepix.health.store.snapshots.dropped", "{snapshot}", "Snapshots dropped because the SQLite write queue was full");

    /// <summary>Snapshots committed to the database.</summary>
    public static readonly Counter<long> SnapshotsWritten = Meter.CreateCounter<long>(
        "zepix.health.store.snapshots.written", "{snapshot}", "Snapshots committed to the SQLite database");

    /// <summary>Write attempts that failed and will be retried.</summary>
    public static readonly Counter<long> WriteFailures = Meter.CreateCounter<long>(
        "zepix.health.store.write.failures", "{failure}", "SQLite write attempts that failed and will be retried");
}
