using System.Diagnostics;
using Microsoft.Data.Sqlite;
using ZepixHealth.Monitoring.Tests.Storage;

namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>
/// The kill -9: a small bot host (<see cref="KillHelper"/>) on a real SQLite file (the bot's own
/// database, so it keeps its rollback journal) raises alerts, is SIGKILLed in the middle of a write,
/// and starts again on the same file.
/// </summary>
/// <remarks>
/// The kill is timed against the writer, not the clock: the test holds a read transaction, so the
/// writer's next transaction writes its rows and its rollback journal and then waits to commit; the
/// kill lands once that journal is on disk. The interrupted transaction must leave no trace in the
/// file, and the restarted host must carry on from what was committed.
/// </remarks>
public class KillNineTests
{
    private static readonly TimeSpan RunGuard = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    [Test]
    [CancelAfter(60_000)]
    public async Task Restart_HostKilledWhileWriting_FileIntactAlertsResumedOutboxDelivered()
    {
        // Arrange: the bot's own database, with a table of its own: the store keeps its rollback journal.
        var wall = Stopwatch.StartNew();
        using var database = new TempDatabase();
        using (var connection = database.Open())
        {
            TempDatabase.Execute(connection, "CREATE TABLE bot_orders (id INTEGER PRIMARY KEY, symbol TEXT NOT NULL)");
        }

        // Act, run 1: 20 dead plugins fire; the "ok" sink gets them, the "outbox" sink refuses them.
        var journal = database.FilePath + "-journal";
        SqliteConnection? readLock = null;
        var firstCycleAfterAlerts = -1;
        List<string> run1;
        bool killedMidWrite;
        try
        {
            run1 = await RunUntilKilledAsync(database, run: 1, lines =>
            {
                if (readLock is not null)
                {
                    // The writer has written its rows and its journal, and cannot commit past the read lock.
                    return lines[^1].StartsWith("cycle ", StringComparison.Ordinal) && File.Exists(journal);
                }

                var cycles = lines.Count(l => l.StartsWith("cycle ", StringComparison.Ordinal));
                if (firstCycleAfterAlerts < 0 && Received(lines, "ok", "Firing").Count >= KillHelper.DeadInRun1)
                {
                    firstCycleAfterAlerts = cycles;
                }

                // 25 more cycles of 1,000 rows, then the writer is held mid-write. The "ok" sink's receipts
                // must be durable by then (cycles do not wait for the writer, so they may still be queued):
                // a receipt lost to the kill means the notification is sent again, by design.
                if (firstCycleAfterAlerts >= 0 && cycles >= firstCycleAfterAlerts + 25 && ReceiptsStored(database, "ok") >= KillHelper.DeadInRun1)
                {
                    readLock = HoldReadLock(database);
                }

                return false;
            });
            killedMidWrite = File.Exists(journal);
        }
        finally
        {
            readLock?.Dispose();
        }

        var rowsAfterKill = RowCount(database);
        var cyclesRun1 = run1.Count(l => l.StartsWith("cycle ", StringComparison.Ordinal));
        killedMidWrite.Should().BeTrue("the kill landed while the writer's transaction was open: its rollback journal was left behind");
        rowsAfterKill.Should().BeLessThan((long)cyclesRun1 * KillHelper.Plugins, "the rows of the interrupted transaction are not in the file, not even in part");
        var fired = Received(run1, "ok", "Firing");
        fired.Should().HaveCount(KillHelper.DeadInRun1);
        Received(run1, "outbox", "Firing").Should().BeEmpty("the outbox sink is down in run 1");
        AssertFileIntact(database, expectedAlerts: KillHelper.DeadInRun1, expectedResolved: 0);
        using (var connection = database.Open())
        {
            TempDatabase.Scalar(connection, "SELECT count(*) FROM health_alert_deliveries WHERE sink = 'outbox' AND delivered_at IS NULL AND failed_at IS NULL")
                .Should().Be((long)KillHelper.DeadInRun1, "the refused notifications wait in the outbox");
        }

        // Run 2 on the same file: plugins 0–9 are alive again, every sink works.
        var run2 = await RunUntilKilledAsync(database, run: 2, lines =>
            Received(lines, "outbox", "Firing").Count >= KillHelper.DeadInRun1
            && Received(lines, "outbox", "Resolved").Count >= KillHelper.RecoveredInRun2
            && Received(lines, "ok", "Resolved").Count >= KillHelper.RecoveredInRun2);

        await TestContext.Out.WriteLineAsync(
            $"kill -9: run 1 killed after {cyclesRun1} cycles ({cyclesRun1 * KillHelper.Plugins} rows queued) with {rowsAfterKill} snapshot rows committed; " +
            $"run 2 killed after {run2.Count(l => l.StartsWith("cycle ", StringComparison.Ordinal))} cycles, {RowCount(database)} rows; {wall.Elapsed.TotalSeconds:0.0} s");

        // Assert
        var firedIds = fired.Select(r => r.AlertId).ToHashSet();
        Received(run2, "ok", "Firing").Should().BeEmpty("open alerts are resumed, not raised again");
        Received(run2, "outbox", "Firing").Select(r => r.AlertId).Should().BeEquivalentTo(firedIds, "the undelivered notifications of run 1 are delivered, each once");
        foreach (var sink in new[] { "ok", "outbox" })
        {
            var resolved = Received(run2, sink, "Resolved");
            resolved.Should().HaveCount(KillHelper.RecoveredInRun2);
            resolved.Select(r => r.AlertId).Should().OnlyContain(id => firedIds.Contains(id), "the alert that resolves is the one that fired before the kill");
            resolved.Select(r => r.PluginId).Should().OnlyContain(p => string.CompareOrdinal(p, "bot-plugin-010") < 0);
        }

        var outboxOrder = run2.Where(l => l.StartsWith("received outbox ", StringComparison.Ordinal)).Select(Parse).ToList();
        outboxOrder.Should().OnlyContain(r => r.State == "Firing" || outboxOrder.FindIndex(f => f.AlertId == r.AlertId && f.State == "Firing") < outboxOrder.IndexOf(r), "firing is delivered before resolved");
        AssertFileIntact(database, expectedAlerts: KillHelper.DeadInRun1, expectedResolved: KillHelper.RecoveredInRun2);
    }

    private static void AssertFileIntact(TempDatabase database, int expectedAlerts, int expectedResolved)
    {
        using var connection = database.Open();
        TempDatabase.Scalar(connection, "PRAGMA integrity_check").Should().Be("ok");
        TempDatabase.Scalar(connection, "PRAGMA journal_mode").Should().Be("delete", "the bot's own database keeps its journal mode");
        TempDatabase.Scalar(connection, "SELECT count(*) FROM bot_orders").Should().Be(0L, "the bot's own table is untouched");
        ((long)TempDatabase.Scalar(connection, "SELECT count(*) FROM plugin_health_snapshots")!).Should().BePositive();
        TempDatabase.Scalar(connection, $"SELECT count(*) FROM (SELECT timestamp FROM plugin_health_snapshots GROUP BY timestamp HAVING count(*) <> {KillHelper.Plugins})")
            .Should().Be(0L, "each cycle's snapshots are committed whole or not at all");
        TempDatabase.Scalar(connection, "SELECT count(*) FROM health_alerts").Should().Be((long)expectedAlerts, "one alert per problem, across the restart");
        TempDatabase.Scalar(connection, "SELECT count(*) FROM health_alerts WHERE resolved = 1").Should().Be((long)expectedResolved);
    }

    /// <summary>Opens a read transaction and keeps it: the writer can write its next transaction but not commit it.</summary>
    private static SqliteConnection HoldReadLock(TempDatabase database)
    {
        var connection = database.Open();
        TempDatabase.Execute(connection, "BEGIN");
        TempDatabase.Scalar(connection, "SELECT count(*) FROM plugin_health_snapshots");
        return connection;
    }

    private static long ReceiptsStored(TempDatabase database, string sink)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM health_alert_deliveries WHERE sink = $sink AND delivered_at IS NOT NULL";
        command.Parameters.AddWithValue("$sink", sink);
        return (long)command.ExecuteScalar()!;
    }

    private static long RowCount(TempDatabase database)
    {
        using var connection = database.Open();
        return (long)TempDatabase.Scalar(connection, "SELECT count(*) FROM plugin_health_snapshots")!;
    }

    private static async Task<List<string>> RunUntilKilledAsync(TempDatabase database, int run, Func<List<string>, bool> enough)
    {
        var start = new ProcessStartInfo(DotnetHost(), $"\"{typeof(KillHelper).Assembly.Location}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[KillHelper.DatabaseVariable] = database.FilePath;
        start.Environment[KillHelper.RunVariable] = run.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var lines = new List<string>();
        var running = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        try
        {
            while (!enough(lines))
            {
                // A child that keeps printing without ever reaching the goal must fail the test, not hang it.
                if (running.Elapsed > RunLimit)
                {
                    Assert.Fail($"run {run} printed {lines.Count} lines in {RunLimit.TotalMinutes} min without reaching its goal; the last: {string.Join(" | ", lines.TakeLast(3))}");
                }

                var line = await child.StandardOutput.ReadLineAsync().WaitAsync(RunGuard);
                if (line is null)
                {
                    Assert.Fail($"run {run} ended by itself: {await child.StandardError.ReadToEndAsync()}");
                }

                lines.Add(line!);
            }
        }
        finally
        {
            // SIGKILL: no graceful stop, no flush, no disposal.
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync().WaitAsync(RunGuard);
        }

        return lines;
    }

    private static List<(string Sink, Guid AlertId, string State, string PluginId)> Received(List<string> lines, string sink, string state) =>
        [.. lines.Where(l => l.StartsWith($"received {sink} ", StringComparison.Ordinal)).Select(Parse).Where(r => r.State == state)];

    private static (string Sink, Guid AlertId, string State, string PluginId) Parse(string line)
    {
        var parts = line.Split(' ');
        return (parts[1], Guid.Parse(parts[2]), parts[3], parts[4]);
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
