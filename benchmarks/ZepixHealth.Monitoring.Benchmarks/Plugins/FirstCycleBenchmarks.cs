using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Plugins;

/// <summary>
/// The first cycle over many plugins (registry built, per-plugin state created, first self-tests
/// started) beside a steady cycle of the same monitor, both with the default setup of
/// <c>AddPluginHealthMonitoring</c> (rules, anomaly detection, alert lifecycle, in-memory store).
/// The steady reference runs after every per-plugin buffer reached its final size. Target: the first
/// cycle costs no more than twice a steady one.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
[WarmupCount(1)]
[IterationCount(8)]
public class FirstCycleBenchmarks
{
    private IHealthCheckablePlugin[] _plugins = null!;
    private ServiceProvider _steadyProvider = null!;
    private PluginHealthMonitor _steady = null!;
    private ServiceProvider? _freshProvider;

    [Params(16_000)]
    public int Plugins { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _plugins = Enumerable.Range(0, Plugins).Select(i => (IHealthCheckablePlugin)new ConstantPlugin($"plugin-{i:D5}", TimeProvider.System)).ToArray();
        (_steadyProvider, _steady) = Create(_plugins);

        // Steady means every per-plugin buffer at its final size: the in-memory store's full-resolution
        // ring fills (and stops growing) after FullResolutionSnapshots cycles.
        for (var i = 0; i <= InMemoryHealthStore.FullResolutionSnapshots; i++)
        {
            _steady.CollectOnceAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _steadyProvider.Dispose();

    [IterationCleanup(Target = nameof(RegistryAndFirstCycle))]
    public void DisposeFresh() => _freshProvider?.Dispose();

    [Benchmark(Baseline = true, Description = "Steady cycle (reference)")]
    public async Task<int> SteadyCycle() => (await _steady.CollectOnceAsync()).Count;

    [Benchmark(Description = "Registry built + first cycle")]
    public async Task<int> RegistryAndFirstCycle()
    {
        (_freshProvider, var monitor) = Create(_plugins);
        return (await monitor.CollectOnceAsync()).Count;
    }

    private static (ServiceProvider Provider, PluginHealthMonitor Monitor) Create(IHealthCheckablePlugin[] plugins)
    {
        var services = new ServiceCollection();
        foreach (var plugin in plugins)
        {
            services.AddSingleton(plugin);
        }

        services.AddPluginHealthMonitoring(o => o.StaleAfter = TimeSpan.FromDays(1));
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<PluginHealthMonitor>());
    }
}
