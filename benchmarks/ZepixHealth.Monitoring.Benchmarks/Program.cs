using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using ZepixHealth.Monitoring.Benchmarks.Memory;

// Run all: dotnet run -c Release --project benchmarks/ZepixHealth.Monitoring.Benchmarks -- --filter '*'
// The memory run (not a BenchmarkDotNet benchmark): ... -- memory [plugins] [hours]
// --short: 1 warm-up and 3 measured iterations for every benchmark, overriding the classes' own jobs
// (BenchmarkDotNet's --job adds a job beside them instead), to check that a run works end to end.
if (args.Length > 0 && args[0] == "memory")
{
    return await MemoryRun.RunAsync(args);
}

IConfig? config = null;
if (args.Contains("--short"))
{
    args = args.Where(a => a != "--short").ToArray();
    config = DefaultConfig.Instance.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).AsMutator());
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
