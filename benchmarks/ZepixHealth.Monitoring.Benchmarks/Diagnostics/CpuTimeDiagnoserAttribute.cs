using BenchmarkDotNet.Configs;

namespace ZepixHealth.Monitoring.Benchmarks.Diagnostics;

/// <summary>Adds <see cref="CpuTimeDiagnoser"/> to a benchmark class: a <c>CPU/op</c> column beside Mean.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class CpuTimeDiagnoserAttribute : Attribute, IConfigSource
{
    public IConfig Config { get; } = ManualConfig.CreateEmpty().AddDiagnoser(CpuTimeDiagnoser.Default);
}
