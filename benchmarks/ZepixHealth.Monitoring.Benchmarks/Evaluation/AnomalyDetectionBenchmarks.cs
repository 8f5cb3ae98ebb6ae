using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Evaluation;

/// <summary>
/// One evaluation cycle of anomaly detection over N plugins × 6 metrics (N = 100, 1,000 and 10,000: divide
/// by N for the cost per plugin), on warm detectors and snapshots whose figures change every cycle, at a
/// 30 s cycle. References in the same run: reading the six figures only (the floor), the previous
/// rolling-window detector (<see cref="AnomalyWindowedDetector"/>) and the first median/MAD detector
/// (<see cref="LegacyMedianMadDetector"/>).
/// </summary>
/// <remarks>Run: dotnet run -c Release --project benchmarks/ZepixHealth.Monitoring.Benchmarks -- --filter '*AnomalyDetection*'</remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class AnomalyDetectionBenchmarks
{
    private const int Variants = 16;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private PluginHealthSnapshot[][] _snapshots = null!;
    private PluginAnomalyDetectors[] _detectors = null!;
    private AnomalyWindowedDetector[][] _windowed = null!;
    private LegacyMedianMadDetector[][] _legacy = null!;
    private AnomalyObservation[] _results = null!;
    private int _cycle;

    /// <summary>How many plugins one cycle evaluates.</summary>
    [Params(100, 1_000, 10_000)]
    public int PluginCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var options = new AnomalyDetectionOptions();
        _snapshots = new PluginHealthSnapshot[PluginCount][];
        _detectors = new PluginAnomalyDetectors[PluginCount];
        _windowed = new AnomalyWindowedDetector[PluginCount][];
        _legacy = new LegacyMedianMadDetector[PluginCount][];
        _results = new AnomalyObservation[6];
        for (var p = 0; p < PluginCount; p++)
        {
            var id = $"plugin-{p}";
            _snapshots[p] = Enumerable.Range(0, Variants).Select(v => new PluginHealthSnapshot
            {
                PluginId = id,
                Timestamp = DateTimeOffset.UnixEpoch + (v * Interval),
                Availability = new PluginAvailabilityMetrics { IsRunning = true, IsResponsive = true, Status = PluginHealthStatus.Healthy },
                Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 35 + (random.NextDouble() * 8), SignalsProcessed1h = 110 + random.Next(20), OrdersPlaced1h = 25 + random.Next(10) },
                Errors = new PluginErrorMetrics { ErrorRatePct = random.NextDouble() },
                Resources = new PluginResourceMetrics { MemoryUsageMb = 200 + (random.NextDouble() * 30), CpuUsagePct = 15 + (random.NextDouble() * 10) },
            }).ToArray();
            _detectors[p] = new PluginAnomalyDetectors(id, options, Interval);
            _windowed[p] = Enumerable.Range(0, 6).Select(m => new AnomalyWindowedDetector(riseIsBad: m < 3, minDeviation: 0)).ToArray();
            _legacy[p] = Enumerable.Range(0, 6).Select(m => new LegacyMedianMadDetector(riseIsBad: m < 4, minDeviation: 5)).ToArray();
        }

        // Past every warm-up and fill every window, so that the measured cycles are the steady state.
        for (var i = 0; i < 400; i++)
        {
            Detectors();
            Windowed();
            Legacy();
        }
    }

    [Benchmark(Description = "Read the six figures only (floor)")]
    public double ReadOnly()
    {
        var variant = _cycle++ % Variants;
        double sum = 0;
        for (var p = 0; p < PluginCount; p++)
        {
            var snapshot = _snapshots[p][variant];
            foreach (var metric in AnomalyMetricExtensions.All)
            {
                sum += metric.ReadValue(snapshot) ?? 0;
            }
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "PluginAnomalyDetectors.Observe")]
    public int Detectors()
    {
        var variant = _cycle++ % Variants;
        var firing = 0;
        Span<AnomalyObservation> results = _results;
        for (var p = 0; p < PluginCount; p++)
        {
            _detectors[p].Observe(_snapshots[p][variant], results);
            foreach (var result in results)
            {
                firing += result.IsFiring ? 1 : 0;
            }
        }

        return firing;
    }

    [Benchmark(Description = "First median/MAD detector (reference)")]
    public int Legacy()
    {
        var variant = _cycle++ % Variants;
        var firing = 0;
        for (var p = 0; p < PluginCount; p++)
        {
            var snapshot = _snapshots[p][variant];
            var detectors = _legacy[p];
            foreach (var metric in AnomalyMetricExtensions.All)
            {
                firing += detectors[(int)metric].Observe(metric.ReadValue(snapshot)) ? 1 : 0;
            }
        }

        return firing;
    }

    [Benchmark(Description = "Previous rolling-window detector (reference)")]
    public int Windowed()
    {
        var variant = _cycle++ % Variants;
        var firing = 0;
        for (var p = 0; p < PluginCount; p++)
        {
            var snapshot = _snapshots[p][variant];
            var detectors = _windowed[p];
            foreach (var metric in AnomalyMetricExtensions.All)
            {
                firing += detectors[(int)metric].Observe(metric.ReadValue(snapshot)) ? 1 : 0;
            }
        }

        return firing;
    }
}
