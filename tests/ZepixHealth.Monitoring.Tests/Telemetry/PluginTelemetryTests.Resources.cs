namespace ZepixHealth.Monitoring.Tests.Telemetry;

/// <summary>Concurrency and memory: no lost counts, fixed memory, nothing allocated on the hot path.</summary>
public sealed partial class PluginTelemetryTests
{
    [Test]
    public void Record_EightThreadsWhileWindowIsHarvested_NoCountLost()
    {
        const int ThreadCount = 8;
        const int PerThread = 150_000;
        using var barrier = new Barrier(ThreadCount + 1);
        var threads = Enumerable.Range(0, ThreadCount).Select(_ => new Thread(() =>
        {
            barrier.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                _telemetry.RecordSignal();
                _telemetry.RecordOperation();
                _telemetry.RecordExecution(TimeSpan.FromTicks(1 + (i % 5000)));
                if (i % 10 == 0)
                {
                    _telemetry.RecordTradeOutcome(i % 20 == 0);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());

        barrier.SignalAndWait();

        // Harvest concurrently with the writers, as the clock tick and the monitor do.
        var harvests = 0;
        while (threads.Exists(t => t.IsAlive))
        {
            _ = _telemetry.Summarize();
            harvests++;
        }

        threads.ForEach(t => t.Join());

        var summary = _telemetry.Summarize();
        long expectedTicksPerThread = 0;
        for (var i = 0; i < PerThread; i++)
        {
            expectedTicksPerThread += 1 + (i % 5000);
        }

        summary.Signals.Should().Be(ThreadCount * PerThread);
        summary.Operations.Should().Be(ThreadCount * PerThread);
        summary.ExecutionCount.Should().Be(ThreadCount * PerThread);
        summary.ExecutionTicksSum.Should().Be(ThreadCount * expectedTicksPerThread);
        summary.Trades.Should().Be(ThreadCount * PerThread / 10);
        summary.Wins.Should().Be(ThreadCount * PerThread / 20);
        harvests.Should().BePositive();
    }

    [Test]
    public void FootprintBytes_MostSubWindows_AtMost128KB()
    {
        using var telemetry = new PluginTelemetry(_clock, new PluginTelemetryOptions { SubWindowCount = 24 });

        telemetry.FootprintBytes.Should().BeLessThanOrEqualTo(128 * 1024);
        telemetry.StripeCount.Should().BeInRange(1, 4);
    }

    [Test]
    public void Ctor_MostSubWindows_AllocatesAtMost128KB()
    {
        var clock = new ManualTimeProvider();
        var options = new PluginTelemetryOptions { SubWindowCount = 24 };

        var before = GC.GetAllocatedBytesForCurrentThread();
        using var telemetry = new PluginTelemetry(clock, options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().BeLessThanOrEqualTo(128 * 1024);
        clock.TimersCreated.Should().Be(1);
    }

    [Test]
    public void Record_ThreeSimulatedHours_AllocatesNothingAndRecyclesSubWindows()
    {
        var clock = new ManualTimeProvider();
        using var telemetry = new PluginTelemetry(clock);
        const int PerSecond = 10;
        var seconds = (int)TimeSpan.FromHours(3).TotalSeconds;

        // Measured over the last two hours: the first is a warm-up in which the JIT may still be
        // tiering up the loop and the recorder (a one-off cost of the runtime, not of recording).
        var before = 0L;
        for (var second = 1; second <= seconds; second++)
        {
            if (second == 3600)
            {
                before = GC.GetAllocatedBytesForCurrentThread();
            }

            clock.Advance(TimeSpan.FromSeconds(1));
            telemetry.Tick();
            for (var i = 0; i < PerSecond; i++)
            {
                telemetry.RecordExecution(TimeSpan.FromMilliseconds(1 + i));
                telemetry.RecordSignal();
                telemetry.RecordOperation();
                using var scope = telemetry.MeasureExecution();
            }

            telemetry.Heartbeat();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
        var summary = telemetry.Summarize();

        // The window holds the sub-window in progress (epoch 36) and the eleven before it: seconds 7,500 to 10,800.
        summary.Signals.Should().Be((10_800 - 7_500 + 1) * PerSecond);
        summary.ExecutionCount.Should().Be((10_800 - 7_500 + 1) * PerSecond * 2);
    }
}
