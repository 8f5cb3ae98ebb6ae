using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Diagnostics;

public class ExecutionHistogramTests
{
    private const string Histogram = "zepix.health.plugin.execution.duration";

    [Test]
    public void RecordExecution_ListenerAttached_RecordsSecondsTaggedWithThePluginId()
    {
        var time = new FakeTimeProvider();
        using var plugin = new HistogramPlugin("histogram-base", time);
        using var collector = new MeterCollector(Histogram);

        plugin.Telemetry.RecordExecution(TimeSpan.FromMilliseconds(250));
        plugin.Telemetry.RecordExecution(TimeSpan.FromMilliseconds(2));

        collector.For(Histogram, "histogram-base").Select(m => m.Value).Should().Equal(0.25, 0.002);
        collector.Measurements.Should().OnlyContain(m => m.Unit == "s");
        plugin.Telemetry.ToMetrics().Performance.AvgExecutionTimeMs.Should().Be(126, "the window still gets every execution");
    }

    [Test]
    public void MeasureExecution_ListenerAttached_RecordsTheScopesDuration()
    {
        var time = new FakeTimeProvider();
        using var telemetry = new PluginTelemetry(time, new PluginTelemetryOptions { PluginId = "histogram-scope" });
        using var collector = new MeterCollector(Histogram);

        using (telemetry.MeasureExecution())
        {
            time.Advance(TimeSpan.FromMilliseconds(30));
        }

        collector.For(Histogram, "histogram-scope").Should().ContainSingle().Which.Value.Should().BeApproximately(0.030, 1e-9);
    }

    [Test]
    public void RecordExecution_NoListener_HistogramDisabledAndWindowStillRecords()
    {
        using var telemetry = new PluginTelemetry(new FakeTimeProvider());

        telemetry.RecordExecution(TimeSpan.FromMilliseconds(5));

        MonitoringDiagnostics.ExecutionDuration.Enabled.Should().BeFalse();
        telemetry.ToMetrics().Performance.AvgExecutionTimeMs.Should().Be(5);
    }

    [Test]
    public void RecordExecution_ListenerDisposed_StopsRecording()
    {
        using var telemetry = new PluginTelemetry(new FakeTimeProvider(), new PluginTelemetryOptions { PluginId = "histogram-stopped" });
        var collector = new MeterCollector(Histogram);
        telemetry.RecordExecution(TimeSpan.FromMilliseconds(1));

        collector.Dispose();
        telemetry.RecordExecution(TimeSpan.FromMilliseconds(1));

        collector.For(Histogram, "histogram-stopped").Should().ContainSingle();
        MonitoringDiagnostics.ExecutionDuration.Enabled.Should().BeFalse();
    }

    private sealed class HistogramPlugin(string id, TimeProvider time) : HealthCheckablePluginBase(id, time);
}
