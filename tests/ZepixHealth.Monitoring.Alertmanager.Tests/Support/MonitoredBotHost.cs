using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ZepixHealth.Monitoring.Alertmanager.Tests.Support;

/// <summary>
/// A real bot host on the real clock (Alertmanager runs on it too): one switchable plugin, a one-second
/// cycle, and the Alertmanager sink pointed at the given servers.
/// </summary>
internal sealed class MonitoredBotHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MonitoredBotHost(IHost host, SwitchablePlugin plugin)
    {
        _host = host;
        Plugin = plugin;
    }

    public SwitchablePlugin Plugin { get; }

    public static async Task<MonitoredBotHost> StartAsync(string pluginId, string instance, params Uri[] alertmanagers)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var plugin = new SwitchablePlugin(pluginId);
        builder.Services.AddSingleton<IHealthCheckablePlugin>(plugin);
        builder.Services
            .AddPluginHealthMonitoring(o =>
            {
                o.CollectionInterval = TimeSpan.FromSeconds(1);
                o.CheckTimeout = TimeSpan.FromMilliseconds(500);
                o.DeliveryRetryDelay = TimeSpan.FromSeconds(1);
                o.DeliveryMaxRetryDelay = TimeSpan.FromSeconds(2);
                o.DeliveryMaxAttempts = 100;
                o.Host.Enabled = false;
                o.Anomalies.Enabled = false;

                // Each change goes out in its cycle: these tests follow one alert through Alertmanager, not grouping.
                o.GroupWait = TimeSpan.Zero;
            })
            .AddAlertmanagerAlerts(o =>
            {
                o.Urls.AddRange(alertmanagers);
                o.Instance = instance;
                o.RequestTimeout = TimeSpan.FromSeconds(2);
            });
        var host = builder.Build();
        await host.StartAsync();
        return new MonitoredBotHost(host, plugin);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
