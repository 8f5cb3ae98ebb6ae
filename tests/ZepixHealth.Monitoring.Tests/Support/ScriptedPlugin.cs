using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Support;

/// <summary>
/// A plugin whose answers a test sets: each member runs the current script, so a test can make it
/// healthy, dead, hung, throwing or garbage-returning, and change that between cycles. Counts calls.
/// </summary>
internal sealed class ScriptedPlugin(string id) : IHealthCheckablePlugin
{
    private int _aliveCalls;
    private int _metricsCalls;
    private int _selfTestCalls;
    private int _inFlight;
    private int _maxInFlight;

    public string Id { get; } = id;

    public Func<CancellationToken, ValueTask<bool>> Alive { get; set; } = _ => ValueTask.FromResult(true);

    public Func<CancellationToken, ValueTask<PluginMetrics>> Metrics { get; set; } = _ => ValueTask.FromResult(new PluginMetrics());

    public Func<CancellationToken, ValueTask<SelfTestResult>> SelfTest { get; set; } = _ => ValueTask.FromResult(SelfTestResult.Pass());

    public int AliveCalls => Volatile.Read(ref _aliveCalls);

    public int MetricsCalls => Volatile.Read(ref _metricsCalls);

    public int SelfTestCalls => Volatile.Read(ref _selfTestCalls);

    /// <summary>The most IsAliveAsync calls that were running at the same time.</summary>
    public int MaxConcurrentAliveCalls => Volatile.Read(ref _maxInFlight);

    public async ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _aliveCalls);
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            return await Alive(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _metricsCalls);
        return Metrics(cancellationToken);
    }

    public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _selfTestCalls);
        return SelfTest(cancellationToken);
    }

    /// <summary>A call that never completes and ignores cancellation, as a deadlocked plugin would.</summary>
    public static ValueTask<T> Forever<T>() => new(new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously).Task);

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
