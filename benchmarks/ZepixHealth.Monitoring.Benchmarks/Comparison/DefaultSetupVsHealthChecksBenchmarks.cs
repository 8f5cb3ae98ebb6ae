using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Benchmarks.Diagnostics;
using ZepixHealth.Monitoring.Benchmarks.Plugins;

namespace ZepixHealth.Monitoring.Benchmarks.Comparison;

/// <summary>
/// The default setup side by side with Microsoft's health checks, per plugin per cycle, at N plugins:
/// <list type="bullet">
/// <item><c>AddPluginHealthMonitoring</c> as a user gets it (rules, anomaly detection, alert lifecycle,
/// in-memory store), one <c>CollectOnceAsync</c> per cycle;</item>
/// <item>collection only: <see cref="PluginHealthMonitor"/> with no rules, detectors or store;</item>
/// <item>the reference: <c>HealthCheckService.CheckHealthAsync</c> over N equivalent checks (alive + metrics), each with a 5 s timeout.</item>
/// </list>
/// The plugins answer synchronously. OperationsPerInvoke cannot follow a parameter, so every
/// invocation does 10,000 plugin-checks: 10,000 / N cycles of N plugins. Mean is wall time; CPU/op
/// is the processor time of every thread per plugin-check (the health checks run in parallel on the
/// thread pool, the monitor's cycle mostly on one call worker). No full collection is forced between
/// iterations (GcForce off, for both): a monitor runs for days and the runtime does not compact its
/// heap every half second; each iteration bears the collections its own allocations cause.
/// </summary>
[MemoryDiagnoser]
[CpuTimeDiagnoser]
[GcForce(false)]
[WarmupCount(3)]
[IterationCount(10)]
public class DefaultSetupVsHealthChecksBenchmarks
{
    private const int ChecksPerInvoke = 10_000;

    private ServiceProvider _monitorProvider = null!;
    private PluginHealthMonitor _defaultSetup = null!;
    private PluginHealthMonitor _collectionOnly = null!;
    private ServiceProvider _healthCheckProvider = null!;
    private HealthCheckService _healthChecks = null!;
    private int _cycles;

    [Params(10, 100, 1_000, 10_000)]
    public int Plugins { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _cycles = ChecksPerInvoke / Plugins;
        var plugins = Enumerable.Range(0, Plugins)
            .Select(i => (IHealthCheckablePlugin)new ConstantPlugin($"plugin-{i:D5}", TimeProvider.System))
            .ToArray();

        var services = new ServiceCollection();
        foreach (var plugin in plugins)
        {
            services.AddSingleton(plugin);
        }

        // The plugins' last activity is fixed at creation: keep them from turning stale during the run.
        services.AddPluginHealthMonitoring(o => o.StaleAfter = TimeSpan.FromDays(1));
        _monitorProvider = services.BuildServiceProvider();
        _defaultSetup = _monitorProvider.GetRequiredService<PluginHealthMonitor>();

        var options = new PluginHealthOptions { StaleAfter = TimeSpan.FromDays(1) };
        _collectionOnly = new PluginHealthMonitor(new PluginRegistry(plugins), Options.Create(options), TimeProvider.System, [], NullLoggerFactory.Instance);

        var checks = new ServiceCollection();
        checks.AddLogging();
        var builder = checks.AddHealthChecks();
        foreach (var plugin in plugins)
        {
            builder.AddCheck(plugin.Id, new PluginHealthCheck(plugin), failureStatus: null, tags: null, timeout: TimeSpan.FromSeconds(5));
        }

        _healthCheckProvider = checks.BuildServiceProvider();
        _healthChecks = _healthCheckProvider.GetRequiredService<HealthCheckService>();

        // First cycles create the per-plugin state and start the self-tests: measure the steady state.
        for (var i = 0; i < 3; i++)
        {
            _defaultSetup.CollectOnceAsync().AsTask().GetAwaiter().GetResult();
            _collectionOnly.CollectOnceAsync().AsTask().GetAwaiter().GetResult();
            _healthChecks.CheckHealthAsync().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _monitorProvider.Dispose();
        _healthCheckProvider.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ChecksPerInvoke, Description = "Microsoft HealthCheckService.CheckHealthAsync")]
    public async Task<int> MicrosoftHealthChecks()
    {
        var entries = 0;
        for (var i = 0; i < _cycles; i++)
        {
            entries += (await _healthChecks.CheckHealthAsync()).Entries.Count;
        }

        return entries;
    }

    [Benchmark(OperationsPerInvoke = ChecksPerInvoke, Description = "Default setup: CollectOnceAsync")]
    public async Task<int> DefaultSetup()
    {
        var snapshots = 0;
        for (var i = 0; i < _cycles; i++)
        {
            snapshots += (await _defaultSetup.CollectOnceAsync()).Count;
        }

        return snapshots;
    }

    [Benchmark(OperationsPerInvoke = ChecksPerInvoke, Description = "Collection only: CollectOnceAsync")]
    public async Task<int> CollectionOnly()
    {
        var snapshots = 0;
        for (var i = 0; i < _cycles; i++)
        {
            snapshots += (await _collectionOnly.CollectOnceAsync()).Count;
        }

        return snapshots;
    }
}
