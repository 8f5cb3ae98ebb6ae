using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace ZepixHealth.Monitoring.Benchmarks.Resources;

/// <summary>
/// Sampling the host process once, as the monitor does every cycle for the <c>host</c> row (target: under
/// 1 ms), beside what a .NET user would otherwise write with <see cref="Process"/>.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ProcessSampleBenchmarks
{
    private ProcessResourceProbe _probe = null!;

    [GlobalSetup]
    public void Setup() => _probe = ProcessResourceProbe.ForCurrentProcess(TimeProvider.System, memoryLimitMb: null);

    [Benchmark(Description = "ProcessResourceProbe.Sample() (host process)")]
    public PluginResourceMetrics? Sample() => _probe.Sample().Resources;

    [Benchmark(Baseline = true, Description = "(reference) Process.GetCurrentProcess(): memory, CPU, threads, handles")]
    public long ProcessClass()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 + process.TotalProcessorTime.Ticks + process.Threads.Count + process.HandleCount;
    }
}
