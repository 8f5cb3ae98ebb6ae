using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Storage;

/// <summary>
/// What the web dashboard reads over 200 plugins × 7 days at one snapshot per 30 s (4,032,000 rows):
/// the overview (the latest snapshot of every plugin) and one plugin's 7 days downsampled in SQL, beside
/// the reference the dashboard used before: every snapshot of those 7 days, bucketed in C#. Targets:
/// overview ≤ 200 ms, one plugin's 7 days ≤ 50 ms. The file is built once and kept in the temp folder.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
[MemoryDiagnoser]
public class StoreHistoryBucketBenchmarks
{
    private const int Plugins = 200;
    private const int CyclesPerDay = 24 * 120;
    private const string Plugin = "v6-price-action-142";

    private static readonly string FilePath = Path.Combine(Path.GetTempPath(), "zepix-bench-200x7d.db");
    private static readonly DateTimeOffset From = BenchmarkSnapshots.Start;
    private static readonly DateTimeOffset To = BenchmarkSnapshots.Start.AddDays(7);

    // The web dashboard's width for 7 days: 240 points.
    private static readonly TimeSpan DashboardWidth = TimeSpan.FromSeconds(2520);

    private SqliteHealthStore? _store;

    [GlobalSetup]
    public void Setup()
    {
        if (!File.Exists(FilePath))
        {
            Build(FilePath + ".tmp");
            File.Move(FilePath + ".tmp", FilePath);
        }

        _store = new SqliteHealthStore(
            Options.Create(new SqliteHealthStoreOptions { ConnectionString = $"Data Source={FilePath}", SnapshotRetention = TimeSpan.FromDays(3650) }),
            TimeProvider.System,
            NullLogger<SqliteHealthStore>.Instance);
        _store.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _store?.Dispose();

    [Benchmark(Baseline = true, Description = "(reference) GetHistoryAsync, one plugin, 7 days (20,160 rows) + bucketing in C#")]
    public async Task<int> HistoryRowsBucketedInCSharp()
    {
        var rows = await _store!.GetHistoryAsync(Plugin, From, To);
        return PluginHistoryBuckets.FromSnapshots(rows, From, DashboardWidth).Count;
    }

    [Benchmark(Description = "GetHistoryBucketsAsync, one plugin, 7 days, 240 buckets (SQL)")]
    public async Task<int> HistoryBuckets240() => (await _store!.GetHistoryBucketsAsync(Plugin, From, To, DashboardWidth)).Count;

    [Benchmark(Description = "GetHistoryBucketsAsync, one plugin, 7 days, 10-minute buckets (1,008)")]
    public async Task<int> HistoryBuckets1008() => (await _store!.GetHistoryBucketsAsync(Plugin, From, To, TimeSpan.FromMinutes(10))).Count;

    [Benchmark(Description = "Overview: GetLatestSnapshotsAsync, 200 plugins over 4M rows")]
    public async Task<int> Overview() => (await _store!.GetLatestSnapshotsAsync()).Count;

    private static void Build(string path)
    {
        File.Delete(path);
        using (var store = new SqliteHealthStore(
            Options.Create(new SqliteHealthStoreOptions { ConnectionString = $"Data Source={path}" }),
            TimeProvider.System,
            NullLogger<SqliteHealthStore>.Instance))
        {
            store.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var insert = SqliteSnapshotRows.CreateInsert(connection, out var parameters);
        insert.Prepare();
        for (var day = 0; day < 7; day++)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var cycle = day * CyclesPerDay; cycle < (day + 1) * CyclesPerDay; cycle++)
            {
                var timestamp = BenchmarkSnapshots.Start.AddSeconds(30 * cycle);
                for (var plugin = 0; plugin < Plugins; plugin++)
                {
                    SqliteSnapshotRows.Bind(parameters, BenchmarkSnapshots.Typical(plugin, timestamp));
                    insert.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }

        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        checkpoint.ExecuteNonQuery();
    }
}
