using System.Globalization;
using ZepixHealth.Monitoring.Tests.Telemetry;

namespace ZepixHealth.Monitoring.Tests.Resources;

/// <summary>
/// CPU and allocation tracking in <see cref="PluginTelemetry.MeasureExecution"/> scopes, with real
/// threads burning real CPU. Nothing here asserts a wall-clock duration: CPU is measured by the
/// thread's own CPU clock, wall time comes from a manual clock.
/// </summary>
[TestFixture]
public sealed class CpuAttributionTests
{
    private static readonly PluginTelemetryOptions Tracking = new() { TrackCpu = true };

    [Test]
    public void MeasureExecution_ThreadBurns300MsOfCpuInsideAScope_AttributedWithin15Percent()
    {
        Assume.That(ThreadCpuClock.IsSupported, "this platform has no thread CPU clock");
        var clock = new ManualTimeProvider();
        using var telemetry = new PluginTelemetry(clock, Tracking);
        var burnt = TimeSpan.Zero;

        var worker = new Thread(() =>
        {
            using var scope = telemetry.MeasureExecution();
            burnt = BurnThreadCpu(TimeSpan.FromMilliseconds(300));
        });
        worker.Start();
        worker.Join();
        clock.Advance(TimeSpan.FromSeconds(10));

        var summary = telemetry.Summarize();
        var metrics = telemetry.ToMetrics();

        TimeSpan.FromTicks(summary.CpuTicks).TotalMilliseconds.Should().BeApproximately(burnt.TotalMilliseconds, burnt.TotalMilliseconds * 0.15);
        summary.ExecutionCount.Should().Be(1);

        // Attributed CPU over the 10 s the window covers, in percent of one core.
        metrics.CpuUsagePct.Should().BeApproximately(100 * burnt.TotalSeconds / 10, 100 * burnt.TotalSeconds / 10 * 0.15);
    }

    [Test]
    public void MeasureExecution_TwoThreadsBurnAtOnce_BothAttributed()
    {
        Assume.That(ThreadCpuClock.IsSupported, "this platform has no thread CPU clock");
        var clock = new ManualTimeProvider();
        using var telemetry = new PluginTelemetry(clock, Tracking);
        var burnt = new TimeSpan[2];

        var workers = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            using var scope = telemetry.MeasureExecution();
            burnt[i] = BurnThreadCpu(TimeSpan.FromMilliseconds(150));
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        clock.Advance(TimeSpan.FromSeconds(1));

        var expected = (burnt[0] + burnt[1]).TotalMilliseconds;
        TimeSpan.FromTicks(telemetry.Summarize().CpuTicks).TotalMilliseconds.Should().BeApproximately(expected, expected * 0.15);
    }

    [Test]
    public void MeasureExecution_CpuBurntOutsideTheScope_NotAttributed()
    {
        Assume.That(ThreadCpuClock.IsSupported, "this platform has no thread CPU clock");
        using var telemetry = new PluginTelemetry(new ManualTimeProvider(), Tracking);

        var worker = new Thread(() =>
        {
            BurnThreadCpu(TimeSpan.FromMilliseconds(200));
            using (telemetry.MeasureExecution())
            {
            }

            BurnThreadCpu(TimeSpan.FromMilliseconds(200));
        });
        worker.Start();
        worker.Join();

        TimeSpan.FromTicks(telemetry.Summarize().CpuTicks).Should().BeLessThan(TimeSpan.FromMilliseconds(20));
    }

    [Test]
    public void MeasureExecution_ScopeEndsOnAnotherThread_LatencyCountedButNoCpuOrAllocation()
    {
        using var telemetry = new PluginTelemetry(new ManualTimeProvider(), Tracking);
        ExecutionScope scope = default;
        var starter = new Thread(() =>
        {
            scope = telemetry.MeasureExecution();
            BurnThreadCpu(TimeSpan.FromMilliseconds(50));
            GC.KeepAlive(new byte[100_000]);
        });
        starter.Start();
        starter.Join();

        var ender = new Thread(() => scope.Dispose());
        ender.Start();
        ender.Join();

        var summary = telemetry.Summarize();
        summary.ExecutionCount.Should().Be(1);
        summary.CpuTicks.Should().Be(0);
        summary.AllocatedBytes.Should().Be(0);
    }

    [Test]
    public void MeasureExecution_ScopeAllocatesOneMegabyte_AllocatedBytesCounted()
    {
        using var telemetry = new PluginTelemetry(new ManualTimeProvider(), Tracking);

        using (telemetry.MeasureExecution())
        {
            GC.KeepAlive(new byte[1024 * 1024]);
        }

        telemetry.ToMetrics().AllocatedBytes.Should().BeInRange(1024 * 1024, (1024 * 1024) + 1024);
    }

    [Test]
    public void ToMetrics_TrackingOff_CpuAndAllocationsUnknown()
    {
        using var telemetry = new PluginTelemetry(new ManualTimeProvider());

        using (telemetry.MeasureExecution())
        {
            GC.KeepAlive(new byte[1024]);
        }

        var metrics = telemetry.ToMetrics();
        telemetry.TracksCpu.Should().BeFalse();
        metrics.CpuUsagePct.Should().BeNull();
        metrics.AllocatedBytes.Should().BeNull();
        telemetry.Summarize().CpuTicks.Should().Be(0);
    }

    [Test]
    public void ToMetrics_TrackingOnNothingMeasured_ZeroNotUnknown()
    {
        Assume.That(ThreadCpuClock.IsSupported, "this platform has no thread CPU clock");
        var clock = new ManualTimeProvider();
        using var telemetry = new PluginTelemetry(clock, Tracking);
        clock.Advance(TimeSpan.FromMinutes(1));

        var metrics = telemetry.ToMetrics();

        metrics.CpuUsagePct.Should().Be(0, "tracking is on and no scope used any CPU");
        metrics.AllocatedBytes.Should().Be(0);
    }

    [Test]
    public void MeasureExecution_TrackingOn_AllocatesNothing()
    {
        using var telemetry = new PluginTelemetry(new ManualTimeProvider(), Tracking);
        // One loop, measured over its second half: the first half lets the JIT tier the loop up
        // (a one-off cost of the runtime, not of a scope).
        var before = 0L;
        for (var i = 0; i < 20_000; i++)
        {
            if (i == 10_000)
            {
                before = GC.GetAllocatedBytesForCurrentThread();
            }

            using var scope = telemetry.MeasureExecution();
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Test]
    public void ToMetrics_CpuOutsideTheWindow_LeavesIt()
    {
        Assume.That(ThreadCpuClock.IsSupported, "this platform has no thread CPU clock");
        var clock = new ManualTimeProvider();
        using var telemetry = new PluginTelemetry(clock, new PluginTelemetryOptions { TrackCpu = true, Window = TimeSpan.FromMinutes(1), SubWindowCount = 2 });
        using (telemetry.MeasureExecution())
        {
            BurnThreadCpu(TimeSpan.FromMilliseconds(30));
        }

        telemetry.Tick();
        clock.Advance(TimeSpan.FromMinutes(2));

        telemetry.Summarize().CpuTicks.Should().Be(0);
    }

    /// <summary>
    /// Spins until the calling thread has used <paramref name="cpu"/> of CPU and returns how much it used.
    /// On Linux it checks an independent clock, the kernel's per-thread counters in /proc (10 ms steps),
    /// so that the attribution is not checked against the very clock it uses.
    /// </summary>
    private static TimeSpan BurnThreadCpu(TimeSpan cpu)
    {
        if (!OperatingSystem.IsLinux())
        {
            var start = ThreadCpuClock.ReadTicks();
            while (ThreadCpuClock.ReadTicks() - start < cpu.Ticks)
            {
            }

            return TimeSpan.FromTicks(ThreadCpuClock.ReadTicks() - start);
        }

        var first = ReadProcThreadCpu();
        TimeSpan used;
        do
        {
            for (var i = 0; i < 100_000; i++)
            {
                Spin(i);
            }

            used = ReadProcThreadCpu() - first;
        }
        while (used < cpu);

        return used;
    }

    private static void Spin(int i) => Thread.SpinWait(1 + (i & 1));

    /// <summary>utime + stime of the calling thread from /proc/thread-self/stat (fields 14 and 15, in 1/100 s).</summary>
    private static TimeSpan ReadProcThreadCpu()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
