using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;

namespace ZepixHealth.Monitoring.Benchmarks.Telemetry;

/// <summary>
/// <see cref="PluginTelemetry.RecordExecution"/> with nothing listening to the meter
/// <c>ZepixHealth.Monitoring</c> (the hot path pays one flag check) and with a
/// <see cref="MeterListener"/> on the execution-duration histogram (each record also reaches it).
/// Run it on an older commit too: there the listener finds no histogram, so both rows are the old cost.
/// </summary>
[MemoryDiagnoser]
public class ExecutionHistogramBenchmarks
{
    private const int Ops = LatencySamples.Count;
    private TimeSpan[] _samples = null!;
    private PluginTelemetry _telemetry = null!;
    private MeterListener? _listener;
    private long _measurements;

    [GlobalSetup(Target = nameof(NoListener))]
    public void SetupWithoutListener()
    {
        _samples = LatencySamples.Create();
        _telemetry = new PluginTelemetry(options: new PluginTelemetryOptions { Window = TimeSpan.FromHours(1) });
    }

    [GlobalSetup(Target = nameof(ListenerAttached))]
    public void SetupWithListener()
    {
        SetupWithoutListener();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "ZepixHealth.Monitoring" && instrument.Name == "zepix.health.plugin.execution.duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _measurements));
        _listener.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener?.Dispose();
        _telemetry.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops, Description = "RecordExecution, no listener")]
    public void NoListener()
    {
        var telemetry = _telemetry;
        foreach (var sample in _samples)
        {
            telemetry.RecordExecution(sample);
        }
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "RecordExecution, MeterListener on the histogram")]
    public void ListenerAttached()
    {
        var telemetry = _telemetry;
        foreach (var sample in _samples)
        {
            telemetry.RecordExecution(sample);
        }
    }
}
