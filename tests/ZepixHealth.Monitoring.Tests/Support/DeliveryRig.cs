using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Support;

/// <summary>
/// The monitor as a host builds it (<c>AddPluginHealthMonitoring</c>, optionally <c>UseSqliteStore</c>),
/// over scripted plugins, recording sinks and a fake clock; cycles and delivery passes are run by the
/// test, one step at a time, instead of by the hosted services' timers.
/// </summary>
internal sealed class DeliveryRig : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public DeliveryRig(Action<PluginHealthOptions> configure, string? sqliteConnectionString, RecordingSink[] sinks, params ScriptedPlugin[] plugins)
    {
        Sinks = sinks;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        foreach (var plugin in plugins)
        {
            services.AddSingleton<IHealthCheckablePlugin>(plugin);
        }

        var builder = services.AddPluginHealthMonitoring(o =>
        {
            o.Host.Enabled = false;

            // Each cycle's changes go out in that cycle; grouping across cycles is tested with GroupWait set.
            o.GroupWait = TimeSpan.Zero;
            configure(o);
        });
        if (sqliteConnectionString is not null)
        {
            builder.UseSqliteStore(sqliteConnectionString);
        }

        foreach (var sink in sinks)
        {
            services.AddSingleton<IAlertSink>(sink);
        }

        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));

    public CollectingLoggerProvider Logs { get; } = new();

    public RecordingSink[] Sinks { get; }

    public PluginHealthMonitor Monitor => _services.GetRequiredService<PluginHealthMonitor>();

    public IHealthStore Store => _services.GetRequiredService<IHealthStore>();

    public IAlertOutboxStore Outbox => _services.GetRequiredService<IAlertOutboxStore>();

    public AlertDispatcher Dispatcher => _services.GetRequiredService<AlertDispatcher>();

    public IHealthAlertManager Alerts => _services.GetRequiredService<IHealthAlertManager>();

    public TimeSpan Interval => _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PluginHealthOptions>>().Value.CollectionInterval;

    /// <summary>Opens the SQLite store, as its hosted service does when the host starts.</summary>
    public async Task StartAsync()
    {
        if (_services.GetService<SqliteHealthStore>() is { } sqlite)
        {
            await sqlite.StartAsync(CancellationToken.None);
        }
    }

    /// <summary>One cycle and one delivery pass, then the clock moves one interval on.</summary>
    public async Task StepAsync()
    {
        await Monitor.CollectOnceAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await Dispatcher.DispatchDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await CallWorkers.SettleAsync();
        Time.Advance(Interval);
    }

    /// <summary>Runs cycles until the clock reaches <paramref name="elapsed"/> after the start.</summary>
    public async Task RunUntilAsync(TimeSpan elapsed, Action<TimeSpan>? beforeEachCycle = null)
    {
        var start = new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);
        while (Time.GetUtcNow() - start < elapsed)
        {
            beforeEachCycle?.Invoke(Time.GetUtcNow() - start);
            await StepAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_services.GetService<SqliteHealthStore>() is { } sqlite)
        {
            await sqlite.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
