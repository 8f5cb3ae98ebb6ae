using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Storage;

/// <summary>
/// A SQLite file holding 200 plugins × 7 days at one snapshot per 30 s (4,032,000 rows, about 1 GB),
/// built once in the temp folder and shared by the benchmarks that read a long history; files of
/// other sizes are built the same way.
/// </summary>
internal static class BenchmarkHistoryFile
{
    public const int Plugins = 200;
    public const string Plugin = "v6-price-action-142";
    private const int CyclesPerDay = 24 * 120;

    public static string FilePath { get; } = Path.Combine(Path.GetTempPath(), "zepix-bench-200x7d.db");

    /// <summary>The id the file's snapshots use for plugin number <paramref name="plugin"/>.</summary>
    public static string PluginId(int plugin) => BenchmarkSnapshots.Typical(plugin, BenchmarkSnapshots.Start).PluginId;

    public static void EnsureBuilt() => EnsureBuilt(FilePath, Plugins);

    /// <summary>Builds a week of <paramref name="plugins"/> plugins at <paramref name="path"/> unless it is there.</summary>
    public static void EnsureBuilt(string path, int plugins)
    {
        if (!File.Exists(path))
        {
            Build(path + ".tmp", plugins);
            File.Move(path + ".tmp", path);
        }
    }

    private static void Build(string path, int plugins)
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
                for (var plugin = 0; plugin < plugins; plugin++)
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
