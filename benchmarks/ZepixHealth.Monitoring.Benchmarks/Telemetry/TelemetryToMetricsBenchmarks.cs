using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;

namespace ZepixHealth.Monitoring.Benchmarks.Telemetry;

/// <summary>
/// <see cref="PluginTelemetry.ToMetrics"/> over a full hour: every one of the twelve sub-windows holds
/// latencies spread over hundreds of buckets, plus counters, errors and warnings.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class TelemetryToMetricsBenchmarks
{
    private FakeTimeProvider _clock = null!;
    private PluginTelemetry _telemetry = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clock = new FakeTimeProvider();
        _telemetry = new PluginTelemetry(_clock);
        var samples = LatencySamples.Create();
        var random = new Random(1);
        for (var second = 0; second < 3600; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            for (var i = 0; i < 50; i++)
            {
                _telemetry.RecordExecution(samples[random.Next(samples.Length)] * (1 + (second % 7)));
                _telemetry.RecordSignal();
                _telemetry.RecordOperation();
            }

            _telemetry.RecordOrder();
            _telemetry.RecordTradeOutcome(second % 3 == 0);
            _telemetry.RecordSignalOutcome(second % 2 == 0);
            if (second % 60 == 0)
            {
                _telemetry.RecordError(new TimeoutException("exchange did not answer"), ErrorSeverity.Error);
                _telemetry.RecordWarning("spread widened");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _telemetry.Dispose();

    [Benchmark(Description = "Zepix ToMetrics() over a full hour")]
    public PluginMetrics ToMetrics() => _telemetry.ToMetrics();
}
