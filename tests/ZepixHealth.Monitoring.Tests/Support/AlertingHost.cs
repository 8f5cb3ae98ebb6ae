using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Support;

/// <summary>
/// The monitor as a host builds it with <c>AddPluginHealthMonitoring</c>: scripted plugins, a fake
/// clock, one capturing sink (beside the always-registered log sink) and the in-memory store. A cycle
/// collects, evaluates, stores, delivers what is due, then moves the clock one interval on.
/// </summary>
internal sealed class AlertingHost : IDisposable
{
    private readonly ServiceProvider _services;

    public AlertingHost(Action<PluginHealthOptions>? configure = null, IConfiguration? configuration = null, IHealthStore? store = null, DateTimeOffset? start = null, params ScriptedPlugin[] plugins)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        if (store is not null)
        {
            services.AddSingleton(store);
        }

        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        foreach (var plugin in plugins)
        {
            services.AddSingleton<IHealthCheckablePlugin>(plugin);
        }

        var builder = configuration is null ? services.AddPluginHealthMonitoring() : services.AddPluginHealthMonitoring(configuration);
        services.Configure<PluginHealthOptions>(o =>
        {
            o.Host.Enabled = false;

            // Each cycle's changes go out in that cycle, as the lifecycle tests count them; grouping across
            // cycles is tested with GroupWait set (or set back to null, its default of one cycle).
            o.GroupWait ??= TimeSpan.Zero;
            configure?.Invoke(o);
        });
        builder.Services.AddSingleton<IAlertSink>(Sink);
        _services = services.BuildServiceProvider();
        Options = _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PluginHealthOptions>>().Value;
        Monitor = _services.GetRequiredService<PluginHealthMonitor>();
        Alerts = _services.GetRequiredService<IHealthAlertManager>();
        Store = _services.GetRequiredService<IHealthStore>();
        Dispatcher = _services.GetRequiredService<AlertDispatcher>();
        Dashboard = _services.GetRequiredService<IHealthDashboard>();
    }

    public IHealthDashboard Dashboard { get; }

    public FakeTimeProvider Time { get; }

    public CollectingLoggerProvider Logs { get; } = new();

    public RecordingSink Sink { get; } = new("capture");

    public PluginHealthOptions Options { get; }

    public PluginHealthMonitor Monitor { get; }

    public IHealthAlertManager Alerts { get; }

    public IHealthStore Store { get; }

    public AlertDispatcher Dispatcher { get; }

    /// <summary>The alerts the capturing sink received, in order (a grouped notification counts each of its alerts).</summary>
    public IReadOnlyList<HealthAlert> Sent => Sink.ReceivedAlerts;

    public async Task CycleAsync()
    {
        await Monitor.CollectOnceAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await Dispatcher.DispatchDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await CallWorkers.SettleAsync();
        Time.Advance(Options.CollectionInterval);
    }

    public async Task CyclesAsync(int cycles)
    {
        for (var i = 0; i < cycles; i++)
        {
            await CycleAsync();
        }
    }

    /// <summary>Runs cycles until <paramref name="duration"/> of fake time has passed.</summary>
    public Task RunForAsync(TimeSpan duration) => CyclesAsync((int)(duration / Options.CollectionInterval));

    public void Dispose()
    {
        _services.Dispose();
        Logs.Dispose();
    }
}
