using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ZepixHealth.Monitoring.Tests.Diagnostics;

/// <summary>
/// The histograms as Prometheus sees them: the OpenTelemetry SDK with its Prometheus exporter on
/// 127.0.0.1, scraped over HTTP like a Prometheus server would.
/// </summary>
public partial class PrometheusExportTests
{
    [Test]
    public async Task ExecutionHistogram_ScrapedOverHttp_PutsTwoFortyAndNineHundredMillisecondsInDifferentBuckets()
    {
        var port = FreePort();
        using var meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter("ZepixHealth.Monitoring")
            .AddPrometheusHttpListener(o => { o.Host = "127.0.0.1"; o.Port = port; o.ScrapeResponseCacheDurationMilliseconds = 0; })
            .Build();
        using var telemetry = new PluginTelemetry(new FakeTimeProvider(), new PluginTelemetryOptions { PluginId = "prometheus-export" });

        telemetry.RecordExecution(TimeSpan.FromMilliseconds(2));
        telemetry.RecordExecution(TimeSpan.FromMilliseconds(40));
        telemetry.RecordExecution(TimeSpan.FromMilliseconds(900));
        using var http = new HttpClient();
        var body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

        var buckets = Buckets(body, "zepix_health_plugin_execution_duration_seconds_bucket", "prometheus-export");
        buckets["0.001"].Should().Be(0, "2 ms is above 1 ms");
        buckets["0.0025"].Should().Be(1, "2 ms lands at or below 2.5 ms");
        buckets["0.025"].Should().Be(1);
        buckets["0.05"].Should().Be(2, "40 ms lands at or below 50 ms");
        buckets["0.5"].Should().Be(2);
        buckets["1"].Should().Be(3, "900 ms lands at or below 1 s");
        buckets["+Inf"].Should().Be(3);
    }

    /// <summary>Cumulative bucket counts of one series, keyed by their <c>le</c> label.</summary>
    private static Dictionary<string, long> Buckets(string exposition, string metric, string pluginId)
    {
        var buckets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Match match in BucketLine().Matches(exposition))
        {
            if (match.Groups["metric"].Value == metric && match.Groups["labels"].Value.Contains($"plugin_id=\"{pluginId}\"", StringComparison.Ordinal))
            {
                buckets[match.Groups["le"].Value] = long.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
            }
        }

        buckets.Should().NotBeEmpty($"the exposition has {metric} for {pluginId}:\n{exposition}");
        return buckets;
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^(?<metric>[a-z_]+)\{(?<labels>[^}]*?)le=""(?<le>[^""]+)""[^}]*\} (?<count>\d+)", RegexOptions.Multiline)]
    private static partial Regex BucketLine();
}
