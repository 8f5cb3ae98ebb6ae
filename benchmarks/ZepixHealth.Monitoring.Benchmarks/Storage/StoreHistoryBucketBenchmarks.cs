using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Storage;

/// <summary>
/// What the web dashboard reads over 200 plugins × 7 days at one snapshot per 30 s (4,032,000 rows):
/// the overview (the latest snapshot of every plugin) and one plugin's 7 days downsampled in SQL, beside
/// the reference the dashboard used before: every snapshot of those 7 days, bucketed in C#. Targets:
/// overview ≤ 200 ms, one plugin's 7 days ≤ 50 ms. The file (<see cref="BenchmarkHistoryFile"/>) is built once and kept in the temp folder.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
[MemoryDiagnoser]
public class StoreHistoryBucketBenchmarks
{
    private const string Plugin = BenchmarkHistoryFile.Plugin;

    private static readonly DateTimeOffset From = BenchmarkSnapshots.Start;
    private static readonly DateTimeOffset To = BenchmarkSnapshots.Start.AddDays(7);

    // The web dashboard's width for 7 days: 240 points.
    private static readonly TimeSpan DashboardWidth = TimeSpan.FromSeconds(2520);

    private SqliteHealthStore? _store;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkHistoryFile.EnsureBuilt();
        _store = new SqliteHealthStore(
            Options.Create(new SqliteHealthStoreOptions { ConnectionString = $"Data Source={BenchmarkHistoryFile.FilePath}", SnapshotRetention = TimeSpan.FromDays(3650) }),
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
}
