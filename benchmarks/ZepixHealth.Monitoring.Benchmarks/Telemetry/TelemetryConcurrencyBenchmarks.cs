using BenchmarkDotNet.Attributes;

namespace ZepixHealth.Monitoring.Benchmarks.Telemetry;

/// <summary>
/// One or two threads recording into the same recorder. The time is per recorded value across all
/// threads, so two threads scale by (time with 1 thread) / (time with 2 threads): 2.0 is perfect,
/// 1.0 means the second thread added nothing.
/// </summary>
[ShortRunJob]
public class TelemetryConcurrencyBenchmarks
{
    private const int PerThread = 1 << 20;
    private TimeSpan[] _samples = null!;
    private long[] _ticks = null!;
    private double[] _milliseconds = null!;
    private double[] _seconds = null!;
    private LatencyRecorders _recorders = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _samples = LatencySamples.Create();
        _ticks = _samples.Select(s => s.Ticks).ToArray();
        _milliseconds = _samples.Select(s => s.TotalMilliseconds).ToArray();
        _seconds = _samples.Select(s => s.TotalSeconds).ToArray();
        _recorders = new LatencyRecorders("Bench.Telemetry.Concurrency");
    }

    [GlobalCleanup]
    public void Cleanup() => _recorders.Dispose();

    [Benchmark(Description = "Zepix RecordExecution(TimeSpan)")]
    public void ZepixRecordExecution() => Run(() =>
    {
        var telemetry = _recorders.Telemetry;
        for (var i = 0; i < PerThread; i++)
        {
            telemetry.RecordExecution(_samples[i & (LatencySamples.Count - 1)]);
        }
    });

    [Benchmark(Description = "HdrHistogram LongConcurrentHistogram.RecordValue")]
    public void HdrRecordValue() => Run(() =>
    {
        var histogram = _recorders.Hdr;
        for (var i = 0; i < PerThread; i++)
        {
            histogram.RecordValue(_ticks[i & (LatencySamples.Count - 1)]);
        }
    });

    [Benchmark(Description = "OpenTelemetry Histogram<double>.Record (base2 exp.)")]
    public void OpenTelemetryRecord() => Run(() =>
    {
        var histogram = _recorders.OpenTelemetry;
        for (var i = 0; i < PerThread; i++)
        {
            histogram.Record(_milliseconds[i & (LatencySamples.Count - 1)]);
        }
    });

    [Benchmark(Baseline = true, Description = "prometheus-net Histogram.Observe")]
    public void PrometheusObserve() => Run(() =>
    {
        var histogram = _recorders.Prometheus;
        for (var i = 0; i < PerThread; i++)
        {
            histogram.Observe(_seconds[i & (LatencySamples.Count - 1)]);
        }
    });

    private void Run(Action work)
    {
        if (Threads == 1)
        {
            work();
            return;
        }

        var others = new Thread[Threads - 1];
        for (var i = 0; i < others.Length; i++)
        {
            others[i] = new Thread(() => work());
            others[i].Start();
        }

        work();
        foreach (var thread in others)
        {
            thread.Join();
        }
    }
}
