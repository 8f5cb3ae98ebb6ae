using ZepixHealth.Monitoring;

namespace MyBot;

/// <summary>Stands in for the bot's real plugins: replace it with yours.</summary>
public sealed class ExamplePlugin(TimeProvider timeProvider) : HealthCheckablePluginBase("example", timeProvider)
{
    /// <summary>Records one unit of work, as a real plugin does on its hot path.</summary>
    public void DoWork()
    {
        using var _ = Telemetry.MeasureExecution();
        Telemetry.RecordOperation();
    }
}
