using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;

namespace ZepixHealth.Monitoring.Benchmarks.Diagnostics;

/// <summary>The metric <see cref="CpuTimeDiagnoser"/> reports: processor time per operation, in nanoseconds.</summary>
internal sealed class CpuTimeMetric : IMetricDescriptor
{
    public static readonly CpuTimeMetric Instance = new();

    public string Id => "CpuTime";

    public string DisplayName => "CPU/op";

    public string Legend => "Processor time per operation, all threads of the benchmark process (user and kernel), over the actual iterations";

    public string NumberFormat => "N0";

    public UnitType UnitType => UnitType.Time;

    public string Unit => "ns";

    public bool TheGreaterTheBetter => false;

    public int PriorityInCategory => 0;

    public bool GetIsAvailable(Metric metric) => true;
}
