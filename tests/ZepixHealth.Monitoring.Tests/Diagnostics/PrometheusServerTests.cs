namespace ZepixHealth.Monitoring.Tests.Diagnostics;

/// <summary>
/// A bot host's metrics as an operator's Prometheus sees them: the real server scrapes the
/// OpenTelemetry exporter over HTTP, and its query API returns the gauges and a histogram quantile.
/// Real time (Prometheus has no other clock), generous bounds.
/// </summary>
[NonParallelizable]
public class PrometheusServerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Prometheus_ScrapingABotHost_ReturnsThePluginGaugesAndASensibleLatencyQuantile()
    {
        using var host = new ExportedHost("prometheus-scraped");
        await host.Monitor.CollectOnceAsync();
        await using var prometheus = await PrometheusServer.StartAsync(host.MetricsUrl);
        using var stop = new CancellationTokenSource();
        var recording = RecordExecutionsAsync(host.Telemetry, stop.Token);

        try
        {
            var status = await prometheus.QueryAsync("zepix_health_plugin_status{plugin_id=\"prometheus-scraped\"}", Patience);
            var memory = await prometheus.QueryAsync("zepix_health_plugin_memory_usage_bytes{plugin_id=\"prometheus-scraped\"}", Patience);
            var p95 = await prometheus.QueryAsync(
                "histogram_quantile(0.95, sum by (le) (rate(zepix_health_plugin_execution_duration_seconds_bucket{plugin_id=\"prometheus-scraped\"}[10s])))", Patience);

            status.Should().Be(0, "the plugin is Healthy");
            memory.Should().Be(64 * 1024 * 1024);
            p95.Should().BeInRange(0.025, 0.05, "executions of 10 to 40 ms have their P95 in the 25–50 ms bucket");
        }
        finally
        {
            await stop.CancelAsync();
            await recording;
        }
    }

    /// <summary>Records executions of 10, 20, 30 and 40 ms in turn until stopped, so that rates exist.</summary>
    private static async Task RecordExecutionsAsync(PluginTelemetry telemetry, CancellationToken cancellationToken)
    {
        var i = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            telemetry.RecordExecution(TimeSpan.FromMilliseconds(10 * ((i++ % 4) + 1)));
            try
            {
                await Task.Delay(5, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
