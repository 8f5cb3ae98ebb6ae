using ZepixHealth.Monitoring;

namespace MyPlugin;

/// <summary>
/// A plugin that records what it does on its hot path; the base class turns that into the health
/// the monitor reads (latency percentiles, signals and orders per hour, error rate, last activity).
/// </summary>
public sealed class MyPlugin(TimeProvider? timeProvider = null) : HealthCheckablePluginBase("my-plugin", timeProvider)
{
    /// <summary>Handles one market event; returns whether it produced a signal.</summary>
    public bool OnTick(decimal price)
    {
        using var _ = Telemetry.MeasureExecution();
        Telemetry.RecordOperation();
        try
        {
            if (price <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(price), price, "A price is positive.");
            }

            var signal = price % 2 == 0;
            if (signal)
            {
                Telemetry.RecordSignal();
            }

            return signal;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            Telemetry.RecordError(ex, ErrorSeverity.Error);
            return false;
        }
    }

    /// <inheritdoc />
    public override ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SelfTestResult.Pass("ready"));
}
