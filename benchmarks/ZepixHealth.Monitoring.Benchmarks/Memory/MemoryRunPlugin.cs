using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Memory;

/// <summary>A plugin as a bot has one: it records executions, signals and now and then an error, on the fake clock.</summary>
internal sealed class MemoryRunPlugin(string id, int index, TimeProvider time) : HealthCheckablePluginBase(id, time)
{
    private static readonly InvalidOperationException Failure = new("order rejected by the broker");

    /// <summary>Records one cycle's worth of work: a few executions and signals, an error in one cycle of 40.</summary>
    public void Work(int cycle)
    {
        for (var i = 0; i < 5; i++)
        {
            Telemetry.RecordExecution(TimeSpan.FromMilliseconds(3 + ((index + cycle + i) % 17)));
        }

        Telemetry.RecordSignal();
        if ((index + cycle) % 40 == 0)
        {
            Telemetry.RecordError(Failure, ErrorSeverity.Error);
        }

        Telemetry.Heartbeat();
    }
}
