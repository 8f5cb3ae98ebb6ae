using BenchmarkDotNet.Attributes;

namespace ZepixHealth.Monitoring.Benchmarks.Resources;

/// <summary>
/// What a <see cref="PluginTelemetry.MeasureExecution"/> scope costs with CPU tracking off and on, against
/// an empty scope (a struct with a no-op Dispose: the floor of a <c>using</c>). Each operation is one
/// begin + end on one thread.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class MeasureExecutionCpuBenchmarks
{
    private const int Ops = 1024;
    private PluginTelemetry _off = null!;
    private PluginTelemetry _on = null!;

    [GlobalSetup]
    public void Setup()
    {
        _off = new PluginTelemetry(TimeProvider.System);
        _on = new PluginTelemetry(TimeProvider.System, new PluginTelemetryOptions { TrackCpu = true });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _off.Dispose();
        _on.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops, Description = "(floor) empty scope")]
    public void EmptyScope()
    {
        for (var i = 0; i < Ops; i++)
        {
            using var scope = new EmptyScopeStruct();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "MeasureExecution(), CPU tracking off")]
    public void TrackingOff()
    {
        var telemetry = _off;
        for (var i = 0; i < Ops; i++)
        {
            using var scope = telemetry.MeasureExecution();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "MeasureExecution(), CPU tracking on")]
    public void TrackingOn()
    {
        var telemetry = _on;
        for (var i = 0; i < Ops; i++)
        {
            using var scope = telemetry.MeasureExecution();
        }
    }

    private readonly struct EmptyScopeStruct : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
