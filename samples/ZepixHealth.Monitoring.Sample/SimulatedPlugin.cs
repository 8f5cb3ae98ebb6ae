using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Sample;

/// <summary>
/// A stand-in for a V3/V6 trading plugin, built the way a real one would be: it derives from
/// <see cref="HealthCheckablePluginBase"/> and records what it does on its hot path. Healthy at first,
/// then (after <c>after</c>) it does what its <see cref="SimulatedBehaviour"/> says.
/// </summary>
internal sealed class SimulatedPlugin : HealthCheckablePluginBase
{
    private readonly SimulatedBehaviour _behaviour;
    private readonly TimeSpan _after;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly double _medianLatencyMs;
    private readonly DateTimeOffset _createdAt;

    public SimulatedPlugin(string id, SimulatedBehaviour behaviour, TimeSpan after, TimeProvider time)
        : base(id, time)
    {
        _behaviour = behaviour;
        _after = after;
        _time = time;
        _random = new Random(id.Sum(c => (int)c) * 7919);
        _medianLatencyMs = 2 + _random.Next(20);
        _createdAt = time.GetUtcNow();
    }

    private bool Triggered => _behaviour != SimulatedBehaviour.StaysHealthy && _time.GetUtcNow() - _createdAt >= _after;

    /// <summary>One market tick: what a trading plugin does many times a second.</summary>
    public void OnTick()
    {
        if (IsStopped || FaultReason is not null || (Triggered && _behaviour == SimulatedBehaviour.GoesQuiet))
        {
            return;
        }

        if (Triggered && _behaviour == SimulatedBehaviour.Dies)
        {
            MarkFaulted(new InvalidOperationException("Exchange websocket closed: connection reset by peer"));
            return;
        }

        Telemetry.RecordOperation();

        // Log-normal latency with an occasional slow outlier, as real strategy code has.
        var latencyMs = _medianLatencyMs * Math.Exp(0.5 * Gaussian());
        if (_random.NextDouble() < 0.01)
        {
            latencyMs *= 20;
        }

        Telemetry.RecordExecution(TimeSpan.FromMilliseconds(latencyMs));

        if (_random.NextDouble() < 0.05)
        {
            Telemetry.RecordSignal();
            Telemetry.RecordSignalOutcome(profitable: _random.NextDouble() < 0.6);
            if (_random.NextDouble() < 0.5)
            {
                Telemetry.RecordOrder();
                Telemetry.RecordTradeOutcome(win: _random.NextDouble() < 0.55);
            }
        }

        if (_random.NextDouble() < 0.002)
        {
            Telemetry.RecordError(new TimeoutException("Order book snapshot timed out"), ErrorSeverity.Error);
        }
    }

    public override ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) =>
        Triggered && _behaviour == SimulatedBehaviour.Hangs

            // A deadlock: the call never completes, whatever the token says.
            ? new ValueTask<bool>(new TaskCompletionSource<bool>().Task)
            : base.IsAliveAsync(cancellationToken);

    public override ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SelfTestResult.Pass("order book reachable"));

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
