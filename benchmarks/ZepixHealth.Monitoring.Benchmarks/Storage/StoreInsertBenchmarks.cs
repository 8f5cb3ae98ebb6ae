using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Storage;

/// <summary>
/// Snapshot rows per second through the store (queue, background writer, one transaction per flush)
/// against the same rows through a bare prepared INSERT in one transaction with plain ADO.NET, on a
/// file that already holds 3,000,000 rows (100 plugins × 30,000 cycles at 30 s, WAL, synchronous=NORMAL).
/// The 3M-row file is built once in the temp folder; each benchmark works on its own copy, and each
/// iteration appends 100 plugins × 500 cycles newer than everything in it, as a running bot does.
/// A second bare INSERT binds through SQLite's C API as the store does: the floor, without ADO.NET.
/// Times are per row: rows/s = 1 / mean. Allocated is per row, on every thread (the writer's too).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, invocationCount: 1)]
[MemoryDiagnoser]
public class StoreInsertBenchmarks
{
    private const int Plugins = 100;
    private const int BaseCycles = 30_000;
    private const int Cycles = 500;
    private const int Rows = Plugins * Cycles;

    private static readonly string BasePath = Path.Combine(Path.GetTempPath(), "zepix-bench-100x3m.db");

    private PluginHealthSnapshot[][] _cycles = [];
    private string _path = "";
    private int _nextCycle = BaseCycles;
    private SqliteHealthStore? _store;
    private SqliteConnection? _bare;

    [GlobalSetup]
    public void GlobalSetup()
    {
        if (!File.Exists(BasePath))
        {
            Build(BasePath + ".tmp");
            File.Move(BasePath + ".tmp", BasePath);
        }

        _path = Path.Combine(Path.GetTempPath(), $"zepix-bench-insert-{Environment.ProcessId}.db");
        File.Copy(BasePath, _path, overwrite: true);
        Console.WriteLine($"// base file: {new FileInfo(BasePath).Length:N0} bytes for {Plugins * BaseCycles:N0} rows, {(double)new FileInfo(BasePath).Length / (Plugins * BaseCycles):F1} bytes per row (table + index)");
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    [IterationSetup(Targets = [nameof(BareAdoNetInsert), nameof(BareCApiInsert)])]
    public void SetupBare()
    {
        NextCycles();
        _bare = new SqliteConnection($"Data Source={_path}");
        _bare.Open();
        using var pragma = _bare.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
    }

    [IterationSetup(Target = nameof(StoreAppendAndFlush))]
    public void SetupStore()
    {
        NextCycles();
        _store = NewStore(_path);
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
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "(reference) Bare prepared INSERT, ADO.NET, 1 transaction, file of 3M rows (per row)")]
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

    [Benchmark(OperationsPerInvoke = Rows, Description = "(floor) Bare prepared INSERT, SQLite C API, 1 transaction, file of 3M rows (per row)")]
    public void BareCApiInsert()
    {
        using var transaction = _bare!.BeginTransaction();
        using var insert = new SqliteSnapshotInsert(_bare);
        foreach (var cycle in _cycles)
        {
            foreach (var snapshot in cycle)
            {
                insert.Insert(snapshot);
            }
        }

        transaction.Commit();
    }

    [Benchmark(OperationsPerInvoke = Rows, Description = "Store: AppendSnapshotsAsync per cycle of 100 + flush, file of 3M rows (per row)")]
    public async Task StoreAppendAndFlush()
    {
        var store = _store!;
        foreach (var cycle in _cycles)
        {
            await store.AppendSnapshotsAsync(cycle);
        }

        await store.FlushAsync();
    }

    // Each iteration appends cycles newer than the last, so that every row lands at the end of its plugin's range.
    private void NextCycles()
    {
        var first = _nextCycle;
        _cycles = Enumerable.Range(first, Cycles)
            .Select(c => Enumerable.Range(0, Plugins).Select(p => BenchmarkSnapshots.Typical(p, BenchmarkSnapshots.Start.AddSeconds(30 * c))).ToArray())
            .ToArray();
        _nextCycle += Cycles;
    }

    private static SqliteHealthStore NewStore(string path) => new(
        Options.Create(new SqliteHealthStoreOptions { ConnectionString = $"Data Source={path}", QueueCapacity = Rows, SnapshotRetention = TimeSpan.FromDays(3650) }),
        TimeProvider.System,
        NullLogger<SqliteHealthStore>.Instance);

    private static void Build(string path)
    {
        File.Delete(path);
        using (var store = NewStore(path))
        {
            store.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var insert = new SqliteSnapshotInsert(connection);
        for (var day = 0; day * 2_880 < BaseCycles; day++)
        {
            using var transaction = connection.BeginTransaction();
            for (var cycle = day * 2_880; cycle < Math.Min(BaseCycles, (day + 1) * 2_880); cycle++)
            {
                var timestamp = BenchmarkSnapshots.Start.AddSeconds(30 * cycle);
                for (var plugin = 0; plugin < Plugins; plugin++)
                {
                    insert.Insert(BenchmarkSnapshots.Typical(plugin, timestamp));
                }
            }

            transaction.Commit();
        }

        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        checkpoint.ExecuteNonQuery();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// built {path}"));
    }
}
