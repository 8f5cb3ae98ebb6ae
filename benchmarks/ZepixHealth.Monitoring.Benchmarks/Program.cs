using BenchmarkDotNet.Running;
using ZepixHealth.Monitoring.Benchmarks.Memory;

// Run all: dotnet run -c Release --project benchmarks/ZepixHealth.Monitoring.Benchmarks -- --filter '*'
// The memory run (not a BenchmarkDotNet benchmark): ... -- memory [plugins] [hours]
if (args.Length > 0 && args[0] == "memory")
{
    return await MemoryRun.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
