using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Support;

/// <summary>A monitor over a real registry, a fake clock and a log collector.</summary>
internal sealed class MonitorHarness
{
    public MonitorHarness(PluginHealthOptions? options = null, params IHealthCheckablePlugin[] plugins)
        : this(options, [], plugins)
    {
    }

    public MonitorHarness(PluginHealthOptions? options, IEnumerable<IPluginHealthObserver> observers, params IHealthCheckablePlugin[] plugins)
        : this(options, observers, includeHostRow: false, plugins)
    {
    }

    public MonitorHarness(PluginHealthOptions? options, IEnumerable<IPluginHealthObserver> observers, bool includeHostRow, params IHealthCheckablePlugin[] plugins)
    {
        Options = options ?? new PluginHealthOptions();

        // Each cycle's changes go out in that cycle; grouping across cycles is tested with GroupWait set.
        Options.GroupWait ??= TimeSpan.Zero;

        // These tests are about the plugins' rows; the host row (real process figures) has its own
        // tests in Resources/HostRowTests, which turn it back on.
        Options.Host.Enabled = includeHostRow;
        Registry = new PluginRegistry(plugins);
        Monitor = new PluginHealthMonitor(Registry, Microsoft.Extensions.Options.Options.Create(Options), Time, observers, Logs);
    }

    /// <summary>Starts at a fixed instant, so that timestamps in assertions are predictable.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));

    public CollectingLoggerProvider Logs { get; } = new();

    public PluginHealthOptions Options { get; }

    public PluginRegistry Registry { get; }

    public PluginHealthMonitor Monitor { get; }

    /// <summary>Runs a cycle that needs no clock advance; fails (rather than hangs) if it does not finish.</summary>
    public async Task<IReadOnlyList<PluginHealthSnapshot>> CollectAsync() =>
        await Monitor.CollectOnceAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Runs a cycle whose hung calls need the check timeout to pass before it can finish.</summary>
    public async Task<IReadOnlyList<PluginHealthSnapshot>> CollectAdvancingAsync(TimeSpan advance)
    {
        var cycle = Monitor.CollectOnceAsync().AsTask();
        await CallWorkers.SettleAsync();
        Time.Advance(advance);
        return await cycle.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public PluginHealthSnapshot Single(IReadOnlyList<PluginHealthSnapshot> snapshots, string id) =>
        snapshots.Single(s => s.PluginId == id);
}
