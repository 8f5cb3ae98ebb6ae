using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Storage;

/// <summary>
/// Snapshot rows per second through the store (queue, background writer, one transaction per cycle)
/// against the same rows through a bare prepared INSERT in one transaction with plain ADO.NET, on
/// the same kind of file (WAL, synchronous=NORMAL). Times are per row: rows/s = 1 / mean.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, invocationCount: 1)]
[MemoryDiagnoser]
public class StoreInsertBenchmarks
{
    private const int Plugins = 100;
    private const int Cycles = 500;
    private const int Rows = Plugins * Cycles;

    private PluginHealthSnapshot[][] _cycles = [];
    private string _folder = "";
    private SqliteHealthStore? _store;
    private SqliteConnection? _bare;

    [GlobalSetup]
    public void GlobalSetup() => _cycles = BenchmarkSnapshots.Cycles(Cycles, Plugins);

    [IterationSetup(Target = nameof(BareAdoNetInsert))]
    public void SetupBare()
    {
        var path = NewFile();
        using (var store = NewStore(path))
        {
            store.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        _bare = new SqliteConnection($"Data Source={path}");
        _bare.Open();
        using var pragma = _bare.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
    }

    [IterationSetup(Target = nameof(StoreAppendAndFlush))]
    public void SetupStore()
    {
        _store = NewStore(NewFile());
        _store.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        _store = null;
        _bare?.Dispose();
        _bare = null;
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Bare prepared INSERT, 1 transaction (per row)")]
    public void BareAdoNetInsert()
    {
        using var transaction = _bare!.BeginTransaction();
        using var insert = SqliteSnapshotRows.CreateInsert(_bare, out var parameters);
        insert.Transaction = transaction;
        insert.Prepare();
        foreach (var cycle in _cycles)
        {
            foreach (var snapshot in cycle)
            {
                SqliteSnapshotRows.Bind(parameters, snapshot);
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    [Benchmark(OperationsPerInvoke = Rows, Description = "Store: AppendSnapshotsAsync per cycle + flush (per row)")]
    public async Task StoreAppendAndFlush()
    {
        var store = _store!;
        foreach (var cycle in _cycles)
        {
            await store.AppendSnapshotsAsync(cycle);
        }

        await store.FlushAsync();
    }

    private string NewFile()
    {
        _folder = Path.Combine(Path.GetTempPath(), "zepix-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        return Path.Combine(_folder, "bench.db");
    }

    private static SqliteHealthStore NewStore(string path) => new(
        Options.Create(new SqliteHealthStoreOptions { ConnectionString = $"Data Source={path}", QueueCapacity = Rows }),
        TimeProvider.System,
        NullLogger<SqliteHealthStore>.Instance);
}
