using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.AspNetCore.Tests;

/// <summary>A plugin the test kills and revives; it records a little work so the charts have data.</summary>
internal sealed class TestPlugin(string id, TimeProvider time) : HealthCheckablePluginBase(id, time)
{
    public volatile bool Alive = true;

    public void Work(double latencyMs, string? error = null)
    {
        Telemetry.RecordOperation();
        Telemetry.RecordExecution(TimeSpan.FromMilliseconds(latencyMs));
        Telemetry.RecordSignal();
        Telemetry.Heartbeat();
        if (error is not null)
        {
            Telemetry.RecordError(new InvalidOperationException(error), ErrorSeverity.Error);
        }
    }

    public override ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) =>
        Alive ? base.IsAliveAsync(cancellationToken) : ValueTask.FromResult(false);
}
