using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Evaluation;

/// <summary>
/// One evaluation cycle of anomaly detection over 1,000 plugins × 6 metrics, on warm detectors (full
/// windows) and snapshots whose figures change every cycle, at a 30 s cycle (the largest window: 240
/// samples). References in the same run: reading the six figures only (the floor), the previous
/// median/MAD detector (<see cref="LegacyMedianMadDetector"/>), and a naive detector that copies its
/// window and sorts it with LINQ.
/// </summary>
/// <remarks>Run: dotnet run -c Release --project benchmarks/ZepixHealth.Monitoring.Benchmarks -- --filter '*AnomalyDetection*'</remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class AnomalyDetectionBenchmarks
{
    private const int PluginCount = 1000;
    private const int Variants = 16;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private PluginHealthSnapshot[][] _snapshots = null!;
    private PluginAnomalyDetectors[] _detectors = null!;
    private NaiveDetector[][] _naive = null!;
    private LegacyMedianMadDetector[][] _legacy = null!;
    private AnomalyObservation[] _results = null!;
    private int _cycle;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var options = new AnomalyDetectionOptions();
        _snapshots = new PluginHealthSnapshot[PluginCount][];
        _detectors = new PluginAnomalyDetectors[PluginCount];
        _naive = new NaiveDetector[PluginCount][];
        _legacy = new LegacyMedianMadDetector[PluginCount][];
        _results = new AnomalyObservation[6];
        for (var p = 0; p < PluginCount; p++)
        {
            var id = $"plugin-{p}";
            _snapshots[p] = Enumerable.Range(0, Variants).Select(_ => new PluginHealthSnapshot
            {
                PluginId = id,
                Timestamp = DateTimeOffset.UnixEpoch,
                Availability = new PluginAvailabilityMetrics { IsRunning = true, IsResponsive = true, Status = PluginHealthStatus.Healthy },
                Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 35 + (random.NextDouble() * 8), SignalsProcessed1h = 110 + random.Next(20), OrdersPlaced1h = 25 + random.Next(10) },
                Errors = new PluginErrorMetrics { ErrorRatePct = random.NextDouble() },
                Resources = new PluginResourceMetrics { MemoryUsageMb = 200 + (random.NextDouble() * 30), CpuUsagePct = 15 + (random.NextDouble() * 10) },
            }).ToArray();
            _detectors[p] = new PluginAnomalyDetectors(id, options, Interval);
            _naive[p] = Enumerable.Range(0, 6).Select(_ => new NaiveDetector(120)).ToArray();
            _legacy[p] = Enumerable.Range(0, 6).Select(m => new LegacyMedianMadDetector(riseIsBad: m < 4, minDeviation: 5)).ToArray();
        }

        // Fill every window, so that the measured cycles are the steady state.
        for (var i = 0; i < 600; i++)
        {
            Detectors();
            Legacy();
            Naive();
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

    [Benchmark(Description = "Previous median/MAD detector (reference)")]
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

    [Benchmark(Description = "Naive: copy window, LINQ OrderBy (reference)")]
    public int Naive()
    {
        var variant = _cycle++ % Variants;
        var anomalous = 0;
        for (var p = 0; p < PluginCount; p++)
        {
            var snapshot = _snapshots[p][variant];
            var detectors = _naive[p];
            foreach (var metric in AnomalyMetricExtensions.All)
            {
                if (metric.ReadValue(snapshot) is { } value && detectors[(int)metric].Observe(value))
                {
                    anomalous++;
                }
            }
        }

        return anomalous;
    }

    private sealed class NaiveDetector(int window)
    {
        private readonly Queue<double> _values = new();

        public bool Observe(double value)
        {
            var anomalous = false;
            if (_values.Count > 10)
            {
                var sorted = _values.OrderBy(v => v).ToArray();
                var median = sorted[sorted.Length / 2];
                var deviations = sorted.Select(v => Math.Abs(v - median)).OrderBy(v => v).ToArray();
                var mad = deviations[deviations.Length / 2];
                anomalous = Math.Abs(value - median) > 3.5 * 1.4826 * mad;
            }

            _values.Enqueue(value);
            if (_values.Count > window)
            {
                _values.Dequeue();
            }

            return anomalous;
        }
    }
}
