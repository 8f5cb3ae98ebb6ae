using System.Runtime;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Plugins;

/// <summary>
/// The first cycle over many plugins (registry built, per-plugin state created, first self-tests
/// started) beside a steady cycle over the same plugins, both with the default setup of
/// <c>AddPluginHealthMonitoring</c> (rules, anomaly detection, alert lifecycle, in-memory store).
/// The steady reference runs after every per-plugin buffer reached its final size. Target: the first
/// cycle costs no more than twice a steady one.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
[WarmupCount(3)]
[IterationCount(8)]
public class FirstCycleBenchmarks
{
    private IHealthCheckablePlugin[] _plugins = null!;
    private ServiceProvider? _steadyProvider;
    private PluginHealthMonitor _steady = null!;
    private ServiceProvider? _freshProvider;

    [Params(16_000)]
    public int Plugins { get; set; }

    // Each case runs in a process of its own. Both measure optimised code: the first cycle's process
    // runs a monitor to its steady state first (as the steady case does) and lets it go, so that it
    // holds no other monitor's history when a fresh one starts, as at a host's start.
    [GlobalSetup(Target = nameof(RegistryAndFirstCycle))]
    public void SetupFirst()
    {
        _plugins = CreatePlugins(Plugins);
        var (provider, monitor) = Create(_plugins);
        using (provider)
        {
            RunToSteadyState(monitor);
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    [GlobalSetup(Target = nameof(SteadyCycle))]
    public void SetupSteady()
    {
        _plugins = CreatePlugins(Plugins);
        (_steadyProvider, _steady) = Create(_plugins);
        RunToSteadyState(_steady);
    }

    [GlobalCleanup]
    public void Cleanup() => _steadyProvider?.Dispose();

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

    /// <summary>Steady means every per-plugin buffer at its final size: the in-memory store's full-resolution ring fills (and stops growing) after FullResolutionSnapshots cycles.</summary>
    private static void RunToSteadyState(PluginHealthMonitor monitor)
    {
        for (var i = 0; i <= InMemoryHealthStore.FullResolutionSnapshots; i++)
        {
            monitor.CollectOnceAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static IHealthCheckablePlugin[] CreatePlugins(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (IHealthCheckablePlugin)new ConstantPlugin($"plugin-{i:D5}", TimeProvider.System))];

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
