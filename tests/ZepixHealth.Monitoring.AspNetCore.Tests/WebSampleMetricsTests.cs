using ZepixHealth.Monitoring.Tests.Diagnostics;

namespace ZepixHealth.Monitoring.AspNetCore.Tests;

/// <summary>
/// The web sample's <c>/metrics</c>, as an operator's Prometheus scrapes it: the real server on
/// 127.0.0.1 scraping the sample on Kestrel, queried through its HTTP API. Real time (Prometheus has no
/// other clock), generous bounds.
/// </summary>
[NonParallelizable]
public sealed class WebSampleMetricsTests
{
    [Test]
    public async Task Metrics_ScrapedByPrometheus_ReportTheDeadPluginAsDead()
    {
        await using var factory = new DashboardFactory(testOperators: false);
        var address = factory.StartKestrel();
        factory.Failing.Alive = false;
        await factory.CycleAsync();
        await using var prometheus = await PrometheusServer.StartAsync(new Uri(address, "metrics"));

        var dead = await prometheus.QueryAsync("zepix_health_plugin_status{plugin_id=\"v6-price-action-5m\"}", TimeSpan.FromSeconds(30));
        var healthy = await prometheus.QueryAsync("zepix_health_plugin_status{plugin_id=\"v3-combined\"}", TimeSpan.FromSeconds(30));

        dead.Should().Be((int)PluginHealthStatus.Dead);
        healthy.Should().Be((int)PluginHealthStatus.Healthy);
    }
}
