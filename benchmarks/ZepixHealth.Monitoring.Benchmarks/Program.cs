using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project benchmarks/ZepixHealth.Monitoring.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
