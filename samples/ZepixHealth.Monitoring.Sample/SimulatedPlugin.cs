using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Sample;

/// <summary>
/// A stand-in for a V3/V6 trading plugin: healthy at first, then (after <c>after</c>) it does what
/// its <see cref="SimulatedBehaviour"/> says.
/// </summary>
internal sealed class SimulatedPlugin(string id, SimulatedBehaviour behaviour, TimeSpan after, TimeProvider time) : IHealthCheckablePlugin
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private readonly double _typicalLatencyMs = 5 + (Math.Abs(id.GetHashCode(StringComparison.Ordinal)) % 40);

    public string Id { get; } = id;

    private bool Triggered => behaviour != SimulatedBehaviour.StaysHealthy && time.GetUtcNow() - _startedAt >= after;

    public ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default)
    {
        if (!Triggered)
        {
            return ValueTask.FromResult(true);
        }

        return behaviour switch
        {
            SimulatedBehaviour.Dies => throw new InvalidOperationException("Exchange websocket closed: connection reset by peer"),

            // A deadlock: the call never completes, whatever the token says.
            SimulatedBehaviour.Hangs => new ValueTask<bool>(new TaskCompletionSource<bool>().Task),
            _ => ValueTask.FromResult(true),
        };
    }

    public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var lastActivity = behaviour == SimulatedBehaviour.GoesQuiet && Triggered ? _startedAt + after : now;
        var jitter = Random.Shared.NextDouble();
        return ValueTask.FromResult(new PluginMetrics
        {
            StartedAt = _startedAt,
            LastActivity = lastActivity,
            Performance = new PluginPerformanceMetrics
            {
                AvgExecutionTimeMs = _typicalLatencyMs * (0.8 + (0.2 * jitter)),
                P95ExecutionTimeMs = _typicalLatencyMs * (2 + jitter),
                P99ExecutionTimeMs = _typicalLatencyMs * (3 + (2 * jitter)),
                SignalsProcessed1h = 120 + Random.Shared.Next(20),
                OrdersPlaced1h = 30 + Random.Shared.Next(10),
                WinRatePct = 52 + (6 * jitter),
            },
            Errors = new PluginErrorMetrics { TotalErrors = 0, CriticalErrors = 0, Warnings = Random.Shared.Next(3), ErrorRatePct = 0 },
            MemoryUsageMb = 90 + (20 * jitter),
        });
    }

    public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SelfTestResult.Pass("order book reachable"));
}
