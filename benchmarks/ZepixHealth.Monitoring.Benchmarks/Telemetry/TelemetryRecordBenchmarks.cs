using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace ZepixHealth.Monitoring.Benchmarks.Telemetry;

/// <summary>
/// One thread recording: PluginTelemetry's hot-path calls side by side with the anchors. Each operation
/// records the next of 1,024 log-normal latencies, so that every recorder sees the same spread of buckets.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class TelemetryRecordBenchmarks
{
    private const int Ops = LatencySamples.Count;
    private TimeSpan[] _samples = null!;
    private long[] _ticks = null!;
    private double[] _milliseconds = null!;
    private double[] _seconds = null!;
    private LatencyRecorders _recorders = null!;

    [GlobalSetup]
    public void Setup()
    {
        _samples = LatencySamples.Create();
        _ticks = _samples.Select(s => s.Ticks).ToArray();
        _milliseconds = _samples.Select(s => s.TotalMilliseconds).ToArray();
        _seconds = _samples.Select(s => s.TotalSeconds).ToArray();
        _recorders = new LatencyRecorders("Bench.Telemetry.Record");
    }

    [GlobalCleanup]
    public void Cleanup() => _recorders.Dispose();

    [Benchmark(OperationsPerInvoke = Ops, Description = "Zepix RecordExecution(TimeSpan)")]
    public void ZepixRecordExecution()
    {
        var telemetry = _recorders.Telemetry;
        foreach (var sample in _samples)
        {
            telemetry.RecordExecution(sample);
        }
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "Zepix RecordSignal()")]
    public void ZepixRecordSignal()
    {
        var telemetry = _recorders.Telemetry;
        for (var i = 0; i < Ops; i++)
        {
            telemetry.RecordSignal();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "Zepix RecordOperation()")]
    public void ZepixRecordOperation()
    {
        var telemetry = _recorders.Telemetry;
        for (var i = 0; i < Ops; i++)
        {
            telemetry.RecordOperation();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "Zepix MeasureExecution() begin+end")]
    public void ZepixMeasureExecution()
    {
        var telemetry = _recorders.Telemetry;
        for (var i = 0; i < Ops; i++)
        {
            using var scope = telemetry.MeasureExecution();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "(floor) two Stopwatch.GetTimestamp() reads")]
    public long TwoClockReads()
    {
        long total = 0;
        for (var i = 0; i < Ops; i++)
        {
            var start = Stopwatch.GetTimestamp();
            total += Stopwatch.GetTimestamp() - start;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "HdrHistogram LongConcurrentHistogram.RecordValue")]
    public void HdrRecordValue()
    {
        var histogram = _recorders.Hdr;
        foreach (var ticks in _ticks)
        {
            histogram.RecordValue(ticks);
        }
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "OpenTelemetry Histogram<double>.Record (base2 exp.)")]
    public void OpenTelemetryRecord()
    {
        var histogram = _recorders.OpenTelemetry;
        foreach (var ms in _milliseconds)
        {
            histogram.Record(ms);
        }
    }

    [Benchmark(OperationsPerInvoke = Ops, Baseline = true, Description = "prometheus-net Histogram.Observe")]
    public void PrometheusObserve()
    {
        var histogram = _recorders.Prometheus;
        foreach (var seconds in _seconds)
        {
            histogram.Observe(seconds);
        }
    }
}
