using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The writer's prepared snapshot INSERT, bound straight through SQLite's C API on the connection's
/// handle. ADO.NET boxes every number, allocates a binder per parameter and a data reader per
/// execution (about 4 KB per row); here a row allocates nothing: numbers are bound as they are and
/// text as UTF-16 spans. Statements on the handle share the connection's open transaction.
/// </summary>
internal sealed class SqliteSnapshotInsert : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    public SqliteSnapshotInsert(SqliteConnection connection)
    {
        _connection = connection;
        var rc = raw.sqlite3_prepare_v2(connection.Handle, SqliteSnapshotRows.InsertSql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
    }

    /// <summary>Inserts one row.</summary>
    /// <exception cref="SqliteException">SQLite refused the row (busy, full, read-only, …).</exception>
    public void Insert(PluginHealthSnapshot s)
    {
        var a = s.Availability;
        var perf = s.Performance ?? PluginPerformanceMetrics.Unknown;
        var res = s.Resources ?? PluginResourceMetrics.Unknown;
        var err = s.Errors ?? PluginErrorMetrics.Unknown;

        // Parameters are 1-based, in SqliteSnapshotRows' column order.
        Text(1, s.PluginId);
        Integer(2, SqliteTime.ToDb(s.Timestamp));
        Text(3, SqliteSnapshotRows.StatusText(a.Status));
        Integer(4, a.IsRunning ? 1 : 0);
        Integer(5, a.IsResponsive ? 1 : 0);
        Time(6, a.LastHeartbeat);
        Integer(7, a.Uptime?.Ticks);
        Text(8, a.Reason);
        BindPerformance(perf);
        BindResources(res);
        BindErrors(err);
        Integer(31, s.SelfTest is { } st ? (st.Passed ? 1 : 0) : null);
        Text(32, s.SelfTest?.Message);
        Time(33, s.SelfTestCompletedAt);
        Text(34, s.Faults is { Count: > 0 } faults ? SqliteSnapshotRows.FaultsToJson(faults) : null);
        Real(35, res.ManagedHeapMb);
        Integer(36, res.Threads);
        Integer(37, res.AllocatedBytes);

        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void BindPerformance(PluginPerformanceMetrics perf)
    {
        Real(9, perf.AvgExecutionTimeMs);
        Real(10, perf.P50ExecutionTimeMs);
        Real(11, perf.P95ExecutionTimeMs);
        Real(12, perf.P99ExecutionTimeMs);
        Integer(13, perf.SignalsProcessed1h);
        Integer(14, perf.OrdersPlaced1h);
        Real(15, perf.SignalAccuracyPct);
        Real(16, perf.WinRatePct);
    }

    private void BindResources(PluginResourceMetrics res)
    {
        Real(17, res.MemoryUsageMb);
        Real(18, res.MemoryLimitMb);
        Real(19, res.CpuUsagePct);
        Integer(20, res.DbConnectionsActive);
        Integer(21, res.DbConnectionsMax);
        Real(22, res.DbQueryTimeAvgMs);
        Integer(23, res.OpenFileHandles);
    }

    private void BindErrors(PluginErrorMetrics err)
    {
        Integer(24, err.TotalErrors);
        Integer(25, err.CriticalErrors);
        Integer(26, err.Warnings);
        Real(27, err.ErrorRatePct);
        Text(28, err.LastErrorMessage);
        Text(29, err.LastErrorType);
        Time(30, err.LastErrorTimestamp);
    }

    private void Text(int index, string? value) => Check(value is null
        ? raw.sqlite3_bind_null(_statement, index)
        : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));

    private void Integer(int index, long? value) => Check(value is { } v
        ? raw.sqlite3_bind_int64(_statement, index, v)
        : raw.sqlite3_bind_null(_statement, index));

    private void Real(int index, double? value) => Check(value is { } v
        ? raw.sqlite3_bind_double(_statement, index, v)
        : raw.sqlite3_bind_null(_statement, index));

    private void Time(int index, DateTimeOffset? value) => Integer(index, value is { } v ? SqliteTime.ToDb(v) : null);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }
}
