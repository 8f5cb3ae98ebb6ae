using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>
/// Issue 9's chaos day: 200 plugins for 24 simulated hours at the default 30 s interval, each following
/// a seeded script of hangs, throws, garbage, slowness, flapping and staleness; a sink that fails 30 %
/// of its calls and one that hangs now and then; a store whose writes fail for minutes at a time.
/// </summary>
public class ChaosDayTests
{
    private const int Plugins = 200;
    private const int Cycles = 2880;
    private const int Seed = 20260112;
    private const int FirstHourCycles = 120;

    // Every episode is over this many cycles before the day ends, so that each one can resolve.
    private const int QuietTailCycles = 60;

    private static readonly DateTimeOffset Start = new(2026, 1, 12, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan CycleMargin = TimeSpan.FromSeconds(1);
    // Retry back-off (5 s, 10 s … 5 min) and store outages of up to 10 min, dispatched once a cycle.
    private static readonly TimeSpan DeliveryWindow = TimeSpan.FromMinutes(30);
    private static readonly long MemoryBoundBytes = 24L * 1024 * 1024;

    [Test]
    [CancelAfter(120_000)]
    public async Task CollectOnceAsync_DayOfChaos_EveryCycleBoundedEveryEpisodeNotifiedOnceNothingLost()
    {
        // Arrange
        var wall = Stopwatch.StartNew();
        var time = new FakeTimeProvider(Start);
        var options = new PluginHealthOptions { GroupWait = TimeSpan.Zero };
        options.Host.Enabled = false;
        var pluginBlocks = new BlockingCalls();
        var sinkBlocks = new BlockingCalls();
        var logs = new CountingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));

        var scripts = Enumerable.Range(0, Plugins).Select(i => Script($"chaos-{i:D3}", new Random(Seed + i), i)).ToArray();
        var plugins = scripts.Select(s => new ChaosPlugin(s.PluginId, s.Episodes, time, pluginBlocks)).ToArray();
        var faultWindows = StoreFaultWindows(new Random(Seed - 1));
        var store = new FaultInjectingStore(new InMemoryHealthStore());
        ChaosSink[] sinks =
        [
            new("flaky-30pct", Seed + 1, failShare: 0.30, hangShare: 0, time, sinkBlocks),
            new("hangs-sometimes", Seed + 2, failShare: 0, hangShare: 0.08, time, sinkBlocks),
        ];
        IHealthRule[] rules = [new AvailabilityRule(), new LatencyP95Rule(), new MemoryRule(), new CpuRule(), new ErrorRateRule(), new CriticalErrorsRule(), new SelfTestRule()];
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var manager = new HealthAlertManager(store, store, sinks, wrapped, time, loggerFactory.CreateLogger<HealthAlertManager>());
        var dispatcher = new AlertDispatcher(store, store, sinks, wrapped, time, loggerFactory.CreateLogger<AlertDispatcher>());
        var stages = new AlertingStages(
            new SnapshotRecorder(store, loggerFactory.CreateLogger<PluginHealthMonitor>()),
            new HealthEvaluator(rules, options, time, loggerFactory.CreateLogger<HealthAlertManager>()),
            manager,
            Dispatcher: null);
        var monitor = new PluginHealthMonitor(new PluginRegistry(plugins), wrapped, time, [], loggerFactory, stages);

        var cycleDurations = new TimeSpan[Cycles];
        var evaluatedAt = new DateTimeOffset[Cycles];
        var maxOutstanding = 0;
        var failedDispatchPasses = 0;
        var garbageCycles = 0;
        var garbageCyclesWithFault = 0;
        var longestMessage = 0;
        long memoryAfterFirstHour = 0;

        // Act
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            var cycleStart = time.GetUtcNow();
            store.Failing = faultWindows.Any(w => cycle >= w.Start && cycle < w.End);
            foreach (var plugin in plugins)
            {
                plugin.BeginCycle(cycle);
            }

            var collecting = monitor.CollectOnceAsync().AsTask();
            cycleDurations[cycle] = await pluginBlocks.DriveAsync(collecting, time, options.CheckTimeout);
            var snapshots = await collecting;
            evaluatedAt[cycle] = time.GetUtcNow();
            snapshots.Should().HaveCount(Plugins, "cycle {0} must report every plugin", cycle);

            for (var i = 0; i < Plugins; i++)
            {
                longestMessage = Math.Max(longestMessage, snapshots[i].Errors.LastErrorMessage?.Length ?? 0);
                if (plugins[i].Current is { Kind: ChaosEpisodeKind.Garbage })
                {
                    garbageCycles++;
                    garbageCyclesWithFault += snapshots[i].Faults.Count > 0 ? 1 : 0;
                }
            }

            maxOutstanding = Math.Max(maxOutstanding, monitor.OutstandingCallCount);
            failedDispatchPasses += await DispatchAsync(dispatcher, sinkBlocks, time, options.SinkTimeout);

            // Self-tests run beside the cycle, on workers: they finish before the clock moves on.
            await CallWorkers.SettleAsync();
            var rest = cycleStart + options.CollectionInterval - time.GetUtcNow();
            if (rest > TimeSpan.Zero)
            {
                time.Advance(rest);
            }

            if (cycle == FirstHourCycles - 1)
            {
                memoryAfterFirstHour = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        // Drain: the store works again; whatever is still in back-off goes out.
        store.Failing = false;
        for (var pass = 0; pass < 24 && (await store.Inner.GetPendingDeliveriesAsync(DateTimeOffset.MaxValue, 1)).Count > 0; pass++)
        {
            time.Advance(TimeSpan.FromMinutes(5));
            failedDispatchPasses += await DispatchAsync(dispatcher, sinkBlocks, time, options.SinkTimeout);
        }

        var memoryAtEnd = GC.GetTotalMemory(forceFullCollection: true);
        wall.Stop();

        // Assert
        var alerts = await store.Inner.GetRecentAlertsAsync(int.MaxValue);
        var deliveries = store.Inner.AllDeliveries();
        var episodes = scripts.SelectMany(s => s.Episodes).ToList();
        var report = new ChaosReport(episodes, alerts, deliveries, sinks, options, c => evaluatedAt[Math.Min(c, Cycles - 1)]);
        var slowest = cycleDurations.Max();

        var figures = string.Create(CultureInfo.InvariantCulture, $"""
            chaos day: {Plugins} plugins x {Cycles} cycles (24 h at {options.CollectionInterval.TotalSeconds:0} s), seed {Seed}, {wall.Elapsed.TotalSeconds:0.0} s wall
            episodes: {string.Join(", ", episodes.GroupBy(e => e.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}
            cycles: {cycleDurations.Length} completed; fake-clock duration max {slowest.TotalSeconds:0.0} s (bound {options.CheckTimeout.TotalSeconds:0} s + {CycleMargin.TotalSeconds:0} s), {cycleDurations.Count(d => d > TimeSpan.Zero)} cycles waited for a timeout
            outstanding plugin calls: max {maxOutstanding} (bound {Plugins})
            store: {faultWindows.Count} fault windows ({faultWindows.Sum(w => w.End - w.Start)} cycles), {store.FailedWrites} writes failed, {store.SnapshotRows} snapshot rows taken; {failedDispatchPasses} dispatch passes failed
            garbage: {garbageCyclesWithFault}/{garbageCycles} garbage cycles recorded a fault; longest error message kept {longestMessage} chars
            alerts: {alerts.Count} raised, {alerts.Count(a => a.State == AlertState.Firing)} open at the end; outbox {deliveries.Count} entries, {deliveries.Count(d => d.DeliveredAt is null)} undelivered, {deliveries.Count(d => d.FailedAt is not null)} given up
            {string.Join(Environment.NewLine, sinks.Select(s => $"sink {s.Name}: {s.Calls} calls, {s.Failures} failed, {s.Hangs} hung; {report.Summary(s)}"))}
            memory: {memoryAfterFirstHour / 1048576.0:0.0} MB after the first hour, {memoryAtEnd / 1048576.0:0.0} MB at the end (bound +{MemoryBoundBytes / 1048576} MB)
            log events: {string.Join(", ", logs.Counts.Where(c => c.Key.Level >= LogLevel.Warning).OrderBy(c => c.Key.EventId).Select(c => $"{c.Key.EventId}x{c.Value}"))}
            """);
        await TestContext.Out.WriteLineAsync(figures);
        foreach (var problem in report.Problems.Take(40))
        {
            await TestContext.Out.WriteLineAsync("problem: " + problem);
        }

        cycleDurations.Should().OnlyContain(d => d <= options.CheckTimeout + CycleMargin, "no cycle may take longer than CheckTimeout plus a margin");
        maxOutstanding.Should().BeLessThanOrEqualTo(Plugins);
        garbageCyclesWithFault.Should().Be(garbageCycles, "garbage is recorded as a fault on the snapshot");
        longestMessage.Should().BeLessThanOrEqualTo(PluginHealthDefaults.MaxTextLength);
        report.Problems.Should().BeEmpty();
        report.MaxDeliveryDelay.Should().BeLessThan(DeliveryWindow, "back-off (5 s doubling to 5 min) plus a store outage of at most 10 min");
        (memoryAtEnd - memoryAfterFirstHour).Should().BeLessThan(MemoryBoundBytes, "memory per plugin is fixed however long the monitor runs");
    }

    private static async Task<int> DispatchAsync(AlertDispatcher dispatcher, BlockingCalls sinkBlocks, FakeTimeProvider time, TimeSpan sinkTimeout)
    {
        try
        {
            await sinkBlocks.DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None), time, sinkTimeout);
            return 0;
        }
        catch (IOException)
        {
            // What AlertDispatcherService does: log, keep the outbox, try again on the next pass.
            return 1;
        }
    }

    /// <summary>A seeded script: healthy stretches of 30–150 cycles between problem episodes.</summary>
    private static (string PluginId, IReadOnlyList<ChaosEpisode> Episodes) Script(string pluginId, Random random, int index)
    {
        var episodes = new List<ChaosEpisode>();
        var cycle = random.Next(10, 150);
        ChaosEpisodeKind[] kinds = [ChaosEpisodeKind.Hang, ChaosEpisodeKind.Throws, ChaosEpisodeKind.Garbage, ChaosEpisodeKind.Slow, ChaosEpisodeKind.Flaps, ChaosEpisodeKind.Stale];
        while (true)
        {
            var kind = kinds[random.Next(kinds.Length)];
            var length = kind switch
            {
                ChaosEpisodeKind.Flaps => 20,
                ChaosEpisodeKind.Stale => random.Next(16, 60),
                ChaosEpisodeKind.Slow => random.Next(2, 20),
                _ => random.Next(1, 40),
            };
            if (cycle + length > Cycles - QuietTailCycles)
            {
                break;
            }

            episodes.Add(new ChaosEpisode(pluginId, kind, cycle, cycle + length, random.Next(100)));
            cycle += length + random.Next(30, 150);
        }

        // A few plugins deadlock for good in the last hours: their alert stays open, with reminders.
        if (index % 40 == 7)
        {
            var from = Cycles - random.Next(100, 300);
            episodes.RemoveAll(e => e.EndCycle + 30 > from);
            episodes.Add(new ChaosEpisode(pluginId, ChaosEpisodeKind.HangForever, from, int.MaxValue, 0));
        }

        return (pluginId, episodes);
    }

    /// <summary>Store outages of 3–10 minutes, about every two hours.</summary>
    private static List<(int Start, int End)> StoreFaultWindows(Random random)
    {
        var windows = new List<(int Start, int End)>();
        for (var cycle = random.Next(60, 240); cycle < Cycles - QuietTailCycles; cycle += random.Next(180, 300))
        {
            windows.Add((cycle, cycle + random.Next(6, 20)));
        }

        return windows;
    }
}
