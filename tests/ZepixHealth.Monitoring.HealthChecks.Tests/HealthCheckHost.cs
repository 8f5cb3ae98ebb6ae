using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.HealthChecks;

namespace ZepixHealth.Monitoring.HealthChecks.Tests;

/// <summary>A real service provider with the monitor, the given plugins and a real <see cref="HealthCheckService"/>.</summary>
internal sealed class HealthCheckHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly TestPlugin[] _plugins;

    public HealthCheckHost(TestPlugin[] plugins, Action<PluginHealthCheckOptions>? configure = null, Action<IHealthChecksBuilder>? more = null, bool hostRow = false)
    {
        _plugins = plugins;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        foreach (var plugin in plugins)
        {
            services.AddSingleton<IHealthCheckablePlugin>(plugin);
        }

        services.AddPluginHealthMonitoring(o =>
        {
            o.Host.Enabled = hostRow;
            o.StaleAfter = TimeSpan.FromMinutes(5);
        });
        var healthChecks = services.AddHealthChecks().AddPluginHealthChecks(configure);
        more?.Invoke(healthChecks);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));

    public HealthCheckService HealthChecks => _provider.GetRequiredService<HealthCheckService>();

    public PluginHealthMonitor Monitor => _provider.GetRequiredService<PluginHealthMonitor>();

    /// <summary>Runs one monitor cycle, then moves the clock one collection interval on.</summary>
    public async Task CycleAsync()
    {
        await Monitor.CollectOnceAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Time.Advance(TimeSpan.FromSeconds(30));
    }

    /// <summary>Runs one cycle whose hung calls need the check timeout (5 s) to pass.</summary>
    public async Task CycleAdvancingAsync()
    {
        var cycle = Monitor.CollectOnceAsync().AsTask();

        // Plugins are called on worker threads: let every call start before the clock moves past its timeout.
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!_plugins.All(p => p.HasAnswered) && DateTime.UtcNow < until)
        {
            await Task.Yield();
        }

        Time.Advance(TimeSpan.FromSeconds(5));
        await cycle.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public Task<HealthReport> CheckAsync(Func<HealthCheckRegistration, bool>? predicate = null) =>
        HealthChecks.CheckHealthAsync(predicate ?? (_ => true)).WaitAsync(TimeSpan.FromSeconds(10));

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
