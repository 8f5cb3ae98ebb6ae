using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Collection;

/// <summary>
/// One monitoring cycle over 1,000 plugins whose calls complete synchronously, reported per plugin
/// (OperationsPerInvoke). The baseline calls the same plugins directly and builds the same snapshot
/// without any of the monitor's guards: the difference is what the guards cost. The collection stage
/// is measured twice, as it runs now (plugin calls on call workers, <see cref="PluginCollector"/>) and
/// as it ran before (calls on the cycle's thread, <see cref="LegacyInlineCollector"/>): the difference
/// is what the call workers cost. Budget: 5 µs and 1 KB per plugin per cycle.
/// </summary>
[MemoryDiagnoser]
public class CollectOnceBenchmarks
{
    private const int PluginCount = 1000;

    private PluginHealthMonitor _monitor = null!;
    private PluginCollector _collector = null!;
    private LegacyInlineCollector _inlineCollector = null!;
    private IHealthCheckablePlugin[] _plugins = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plugins = Enumerable.Range(0, PluginCount).Select(i => (IHealthCheckablePlugin)new SynchronousPlugin($"plugin-{i}")).ToArray();
        var options = new PluginHealthOptions { StaleAfter = TimeSpan.FromDays(1) };

        // The reference has no host row; sampling the host process is measured in Resources/ProcessSampleBenchmarks.
        options.Host.Enabled = false;
        _monitor = new PluginHealthMonitor(new PluginRegistry(_plugins), Options.Create(options), TimeProvider.System, [], NullLoggerFactory.Instance);

        _collector = new PluginCollector(new PluginRegistry(_plugins), options, TimeProvider.System, NullLogger.Instance);
        _inlineCollector = new LegacyInlineCollector(_plugins, options, TimeProvider.System);

        // The first cycle creates per-plugin state and starts the self-tests; measure the steady state.
        _monitor.CollectOnceAsync().AsTask().GetAwaiter().GetResult();
        _collector.CollectAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _inlineCollector.CollectAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PluginCount, Description = "Direct calls, no guards (reference)")]
    public async Task<int> DirectCalls()
    {
        var snapshots = new PluginHealthSnapshot[_plugins.Length];
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < _plugins.Length; i++)
        {
            var plugin = _plugins[i];
            var alive = await plugin.IsAliveAsync();
            var metrics = await plugin.GetMetricsAsync();
            snapshots[i] = new PluginHealthSnapshot
            {
                PluginId = plugin.Id,
                Timestamp = now,
                Availability = new PluginAvailabilityMetrics { Status = alive ? PluginHealthStatus.Healthy : PluginHealthStatus.Dead, IsRunning = alive, IsResponsive = true, LastHeartbeat = metrics.LastActivity },
                Performance = metrics.Performance,
                Errors = metrics.Errors,
            };
        }

        return snapshots.Length;
    }

    [Benchmark(OperationsPerInvoke = PluginCount, Description = "Collection stage, calls on the cycle's thread (previous, reference)")]
    public async Task<int> CollectInline() => (await _inlineCollector.CollectAsync(CancellationToken.None)).Length;

    [Benchmark(OperationsPerInvoke = PluginCount, Description = "Collection stage, calls on call workers (PluginCollector)")]
    public async Task<int> CollectOnWorkers() => (await _collector.CollectAsync(CancellationToken.None)).Length;

    [Benchmark(OperationsPerInvoke = PluginCount, Description = "PluginHealthMonitor.CollectOnceAsync")]
    public async Task<int> CollectOnce() => (await _monitor.CollectOnceAsync()).Count;

    private sealed class SynchronousPlugin(string id) : IHealthCheckablePlugin
    {
        private readonly PluginMetrics _metrics = new()
        {
            LastActivity = TimeProvider.System.GetUtcNow(),
            StartedAt = TimeProvider.System.GetUtcNow(),
            Performance = new PluginPerformanceMetrics { AvgExecutionTimeMs = 3, P95ExecutionTimeMs = 9, P99ExecutionTimeMs = 15, SignalsProcessed1h = 120 },
            Errors = new PluginErrorMetrics { TotalErrors = 0, ErrorRatePct = 0 },
        };

        public string Id { get; } = id;

        public ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

        public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_metrics);

        public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(SelfTestResult.Pass());
    }
}
