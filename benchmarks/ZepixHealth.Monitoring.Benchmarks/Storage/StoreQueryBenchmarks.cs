using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Storage;

/// <summary>
/// Reads over a full week of history: 100 plugins × 7 days at one snapshot per 30 s (2,016,000 rows).
/// The file is built once and kept in the temp folder between runs. Global setup prints the bytes on
/// disk per snapshot row and the query plan of the latest-per-plugin query.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class StoreQueryBenchmarks
{
    private const int Plugins = 100;

    private static readonly string FilePath = Path.Combine(Path.GetTempPath(), "zepix-bench-week-v2.db");

    private SqliteHealthStore? _store;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkHistoryFile.EnsureBuilt(FilePath, Plugins);

        _store = new SqliteHealthStore(
            Options.Create(new SqliteHealthStoreOptions { ConnectionString = $"Data Source={FilePath}" }),
            TimeProvider.System,
            NullLogger<SqliteHealthStore>.Instance);
        _store.StartAsync(CancellationToken.None).GetAwaiter().GetResult();

        using var connection = new SqliteConnection($"Data Source={FilePath}");
        connection.Open();
        var rows = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM plugin_health_snapshots"), CultureInfo.InvariantCulture);
        var pages = Convert.ToInt64(Scalar(connection, "PRAGMA page_count"), CultureInfo.InvariantCulture);
        var pageSize = Convert.ToInt64(Scalar(connection, "PRAGMA page_size"), CultureInfo.InvariantCulture);
        Console.WriteLine($"// rows: {rows:N0}; file: {new FileInfo(FilePath).Length:N0} bytes; {(double)pages * pageSize / rows:F1} bytes on disk per snapshot row (table + index)");
        using var plan = connection.CreateCommand();
        plan.CommandText = "EXPLAIN QUERY PLAN " + LatestSqlProbe;
        using var reader = plan.ExecuteReader();
        while (reader.Read())
        {
            Console.WriteLine("// plan: " + reader.GetString(3));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store?.Dispose();

    [Benchmark(Description = "GetLatestSnapshotsAsync, 100 plugins over 2M rows")]
    public Task<IReadOnlyList<PluginHealthSnapshot>> Latest() => _store!.GetLatestSnapshotsAsync();

    [Benchmark(Description = "GetHistoryAsync, one plugin, 1 hour (120 rows)")]
    public Task<IReadOnlyList<PluginHealthSnapshot>> HistoryHour() =>
        _store!.GetHistoryAsync("v6-price-action-042", BenchmarkSnapshots.Start.AddDays(3), BenchmarkSnapshots.Start.AddDays(3).AddHours(1));

    // The same shape as the store's query, for EXPLAIN QUERY PLAN.
    private const string LatestSqlProbe =
        """
        WITH RECURSIVE plugins(id) AS (
            SELECT (SELECT min(plugin_id) FROM plugin_health_snapshots)
            UNION ALL
            SELECT (SELECT min(plugin_id) FROM plugin_health_snapshots WHERE plugin_id > plugins.id)
            FROM plugins WHERE plugins.id IS NOT NULL)
        SELECT s.* FROM plugins JOIN plugin_health_snapshots AS s ON s.id = (
            SELECT l.id FROM plugin_health_snapshots AS l WHERE l.plugin_id = plugins.id ORDER BY l.timestamp DESC, l.id DESC LIMIT 1)
        WHERE plugins.id IS NOT NULL ORDER BY plugins.id
        """;

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
