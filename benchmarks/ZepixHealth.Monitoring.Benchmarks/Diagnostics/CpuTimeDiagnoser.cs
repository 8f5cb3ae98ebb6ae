using System.Diagnostics;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace ZepixHealth.Monitoring.Benchmarks.Diagnostics;

/// <summary>
/// Adds the column <c>CPU/op</c>: the processor time (user and kernel, every thread of the benchmark
/// process) per operation over the actual workload iterations, read by the host from the benchmark
/// process before and after them. Mean is wall time: it hides work other threads do in parallel and
/// counts time a thread waits. CPU/op counts what the machine spent, which is what a monitor running
/// beside a bot takes from it.
/// </summary>
/// <remarks>
/// The kernel counts processor time in 10 ms ticks; the actual iterations of a default job last
/// seconds, so the resolution is well under 1 %. Needs a separate benchmark process (not in-process).
/// </remarks>
internal sealed class CpuTimeDiagnoser : IDiagnoser
{
    public static readonly CpuTimeDiagnoser Default = new();

    private readonly Dictionary<BenchmarkCase, TimeSpan> _startedAt = [];
    private readonly Dictionary<BenchmarkCase, TimeSpan> _used = [];

    public IEnumerable<string> Ids => ["CpuTime"];

    public IEnumerable<IExporter> Exporters => [];

    public IEnumerable<IAnalyser> Analysers => [];

    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        if (signal == HostSignal.BeforeActualRun)
        {
            _startedAt[parameters.BenchmarkCase] = ProcessorTime(parameters.Process);
        }
        else if (signal == HostSignal.AfterActualRun && _startedAt.Remove(parameters.BenchmarkCase, out var started))
        {
            _used[parameters.BenchmarkCase] = ProcessorTime(parameters.Process) - started;
        }
    }

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results)
    {
        // TotalOperations also counts the jitting, pilot and warm-up iterations: count the actual ones only.
        var operations = results.Measurements
            .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual)
            .Sum(m => m.Operations);
        if (_used.TryGetValue(results.BenchmarkCase, out var used) && operations > 0)
        {
            yield return new Metric(CpuTimeMetric.Instance, used.TotalNanoseconds / operations);
        }
    }

    public void DisplayResults(ILogger logger)
    {
    }

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];

    private static TimeSpan ProcessorTime(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
}
