using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Diagnostics;

/// <summary>
/// A monitored host whose meter is exported by OpenTelemetry's Prometheus exporter on 127.0.0.1, as
/// a bot would run it: one plugin that reports every figure, and a recorder with executions.
/// </summary>
internal sealed class ExportedHost : IDisposable
{
    private readonly MeterProvider _meterProvider;
    private readonly ServiceProvider _services;

    public ExportedHost(string pluginId)
    {
        Port = FreePort();
        _meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter("ZepixHealth.Monitoring")
            .AddPrometheusHttpListener(o => { o.Host = "127.0.0.1"; o.Port = Port; o.ScrapeResponseCacheDurationMilliseconds = 0; })
            .Build();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<IHealthCheckablePlugin>(new ScriptedPlugin(pluginId)
        {
            Metrics = _ => ValueTask.FromResult(new PluginMetrics
            {
                MemoryUsageMb = 64,
                Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 40, P99ExecutionTimeMs = 90, SignalsProcessed1h = 12, OrdersPlaced1h = 3 },
                Errors = new PluginErrorMetrics { ErrorRatePct = 2 },
                Database = new PluginDatabaseMetrics { ActiveConnections = 2, MaxConnections = 10 },
            }),
        });
        services.AddPluginHealthMonitoring(); // with the host row, whose CPU figure is always known
        _services = services.BuildServiceProvider();
        Telemetry = new PluginTelemetry(options: new PluginTelemetryOptions { PluginId = pluginId });
    }

    public int Port { get; }

    public Uri MetricsUrl => new($"http://127.0.0.1:{Port}/metrics");

    public PluginTelemetry Telemetry { get; }

    public PluginHealthMonitor Monitor => _services.GetRequiredService<PluginHealthMonitor>();

    /// <summary>Scrapes the exporter once and returns the metric names in it (series suffixes removed).</summary>
    public async Task<IReadOnlySet<string>> ScrapeNamesAsync()
    {
        using var http = new HttpClient();
        var body = await http.GetStringAsync(MetricsUrl);
        return body.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('{', ' ')[0])
            .Select(name => name.EndsWith("_bucket", StringComparison.Ordinal) || name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal)
                ? name[..name.LastIndexOf('_')] : name)
            .ToHashSet(StringComparer.Ordinal);
    }

    public void Dispose()
    {
        Telemetry.Dispose();
        _services.Dispose();
        _meterProvider.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
