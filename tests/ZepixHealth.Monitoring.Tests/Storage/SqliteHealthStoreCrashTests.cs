using System.Diagnostics;

namespace ZepixHealth.Monitoring.Tests.Storage;

public class SqliteHealthStoreCrashTests
{
    [Test]
    public async Task Reopen_ProcessKilledDuringWriteBurst_FileConsistentWholeCyclesOnlyAndStoreStarts()
    {
        using var database = new TempDatabase();
        var start = new ProcessStartInfo(DotnetHost(), $"\"{typeof(StoreCrashHelper).Assembly.Location}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[StoreCrashHelper.DatabaseVariable] = database.FilePath;

        long reported = 0;
        using (var child = Process.Start(start)!)
        {
            try
            {
                // Kill while the writer is busy: the helper reports after every 20 cycles it has flushed,
                // and goes on appending at once.
                for (var reports = 0; reports < 5; reports++)
                {
                    var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
                    line.Should().NotBeNull($"the helper should keep writing; stderr: {await ReadErrorsAsync(child, reports)}");
                    reported = long.Parse(line!.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            finally
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
        }

        long rows;
        using (var connection = database.Open())
        {
            TempDatabase.Scalar(connection, "PRAGMA integrity_check").Should().Be("ok");
            rows = (long)TempDatabase.Scalar(connection, "SELECT count(*) FROM plugin_health_snapshots")!;
            TempDatabase.Scalar(connection, "SELECT count(*) FROM (SELECT timestamp FROM health_snapshot_rows GROUP BY timestamp HAVING count(*) <> 100)")
                .Should().Be(0L, "each cycle is committed whole or not at all");
        }

        rows.Should().BeGreaterThanOrEqualTo(reported).And.Subject.Should().Match(r => r % StoreCrashHelper.PluginsPerCycle == 0);

        await using var fixture = new StoreFixture(database);
        var store = await fixture.StartAsync();
        await store.AppendSnapshotsAsync(StoreTestData.Cycle(StoreCrashHelper.PluginsPerCycle, StoreTestData.Start.AddYears(1)));
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        store.WrittenSnapshotCount.Should().Be(StoreCrashHelper.PluginsPerCycle);
        (await store.GetLatestSnapshotsAsync()).Should().HaveCount(StoreCrashHelper.PluginsPerCycle)
            .And.OnlyContain(s => s.Timestamp == StoreTestData.Start.AddYears(1));
    }

    private static string DotnetHost()
    {
        // The test host runs under the dotnet muxer; use the same one, whatever the PATH says.
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static async Task<string> ReadErrorsAsync(Process child, int reports) =>
        reports >= 0 && child.HasExited ? await child.StandardError.ReadToEndAsync() : "(still running)";
}
