namespace ZepixHealth.Monitoring.Tests.Telemetry;

/// <summary>The sketch against exact sorted samples.</summary>
public sealed partial class PluginTelemetryTests
{
    private const double MaxRelativeError = 0.02;
    private static readonly TimeSpan SubWindow = TimeSpan.FromMinutes(5);

    public enum Distribution
    {
        Uniform,
        LogNormal,
        Bimodal,
        LogUniformMicrosecondToHour,
    }

    [TestCase(Distribution.Uniform)]
    [TestCase(Distribution.LogNormal)]
    [TestCase(Distribution.Bimodal)]
    [TestCase(Distribution.LogUniformMicrosecondToHour)]
    public void ToMetrics_100kSamples_PercentilesWithin2PctOfExactAndAverageExact(Distribution distribution)
    {
        var random = new Random(20260112 + (int)distribution);
        var samples = new List<long>(100_000);
        for (var i = 0; i < 100_000; i++)
        {
            var ticks = Draw(distribution, random, spike: false);
            samples.Add(ticks);
            _telemetry.RecordExecution(TimeSpan.FromTicks(ticks));
        }

        AssertMatchesExact(_telemetry.ToMetrics().Performance, samples);
    }

    [Test]
    public void ToMetrics_WindowSlidesPastLatencySpike_SpikeLeavesTheFiguresWithItsSubWindow()
    {
        var random = new Random(99);
        var recorded = new List<(TimeSpan At, long Ticks)>();
        var elapsed = TimeSpan.Zero;
        var step = TimeSpan.FromSeconds(10);
        var spikeFrom = TimeSpan.FromMinutes(20);
        var spikeTo = TimeSpan.FromMinutes(25);
        var checkpoints = new Dictionary<TimeSpan, double?>
        {
            [TimeSpan.FromMinutes(10)] = null,
            [TimeSpan.FromMinutes(30)] = null,
            [TimeSpan.FromMinutes(79) + TimeSpan.FromSeconds(50)] = null,
            [TimeSpan.FromMinutes(80)] = null,
            [TimeSpan.FromMinutes(150)] = null,
        };

        while (elapsed < TimeSpan.FromMinutes(150))
        {
            _clock.Advance(step);
            elapsed += step;
            for (var i = 0; i < 20; i++)
            {
                var spike = elapsed >= spikeFrom && elapsed < spikeTo && i % 2 == 0;
                var ticks = Draw(Distribution.LogNormal, random, spike);
                recorded.Add((elapsed, ticks));
                _telemetry.RecordExecution(TimeSpan.FromTicks(ticks));
            }

            if (checkpoints.ContainsKey(elapsed))
            {
                // Expected: every sample whose sub-window is among the last twelve.
                var lastEpoch = elapsed.Ticks / SubWindow.Ticks;
                var inWindow = recorded.Where(r => r.At.Ticks / SubWindow.Ticks > lastEpoch - 12).Select(r => r.Ticks).ToList();
                var performance = _telemetry.ToMetrics().Performance;
                AssertMatchesExact(performance, inWindow);
                checkpoints[elapsed] = performance.P99ExecutionTimeMs;
            }
        }

        checkpoints[TimeSpan.FromMinutes(10)].Should().BeLessThan(100, "before the spike");
        checkpoints[TimeSpan.FromMinutes(30)].Should().BeGreaterThan(1000, "the spike is in the window");
        checkpoints[TimeSpan.FromMinutes(79) + TimeSpan.FromSeconds(50)].Should().BeGreaterThan(1000, "the spike's sub-window is still in the window");
        checkpoints[TimeSpan.FromMinutes(80)].Should().BeLessThan(100, "the spike's sub-window has left the window");
        checkpoints[TimeSpan.FromMinutes(150)].Should().BeLessThan(100);
    }

    private static long Draw(Distribution distribution, Random random, bool spike)
    {
        if (spike)
        {
            return TimeSpan.FromMilliseconds(1500 + (random.NextDouble() * 1000)).Ticks;
        }

        var ms = distribution switch
        {
            Distribution.Uniform => 1 + (random.NextDouble() * 99),
            Distribution.LogNormal => 4 * Math.Exp(Gaussian(random)),
            Distribution.Bimodal => random.NextDouble() < 0.7
                ? 2 + (0.2 * Gaussian(random))
                : 250 + (20 * Gaussian(random)),
            Distribution.LogUniformMicrosecondToHour => Math.Exp(Math.Log(0.001) + (random.NextDouble() * Math.Log(3_600_000 / 0.001))),
            _ => throw new ArgumentOutOfRangeException(nameof(distribution)),
        };

        return Math.Max(TimeSpan.FromMicroseconds(1).Ticks, (long)(ms * TimeSpan.TicksPerMillisecond));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void AssertMatchesExact(PluginPerformanceMetrics performance, List<long> samples)
    {
        var sorted = samples.Order().ToArray();
        AssertPercentile(performance.P50ExecutionTimeMs, sorted, 50);
        AssertPercentile(performance.P95ExecutionTimeMs, sorted, 95);
        AssertPercentile(performance.P99ExecutionTimeMs, sorted, 99);

        var exactAverageMs = (double)samples.Sum() / samples.Count / TimeSpan.TicksPerMillisecond;
        performance.AvgExecutionTimeMs.Should().BeApproximately(exactAverageMs, exactAverageMs * 1e-12);
    }

    private static void AssertPercentile(double? actualMs, long[] sorted, int percent)
    {
        var exactMs = (double)sorted[LatencyPercentiles.NearestRank(percent, sorted.Length) - 1] / TimeSpan.TicksPerMillisecond;
        actualMs.Should().NotBeNull();
        actualMs!.Value.Should().BeApproximately(exactMs, exactMs * MaxRelativeError, $"P{percent} must be within 2 % of the exact {exactMs} ms");
    }
}
