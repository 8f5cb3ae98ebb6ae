using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Support;

/// <summary>The alert manager and dispatcher over a real in-memory store, a fake clock and recording sinks.</summary>
internal sealed class AlertingHarness
{
    public AlertingHarness(PluginHealthOptions? options = null, IHealthStore? store = null, FakeTimeProvider? time = null, IEnumerable<IHealthRule>? extraRules = null, params RecordingSink[] sinks)
    {
        Options = options ?? new PluginHealthOptions();

        // Each cycle's changes go out in that cycle; grouping across cycles is tested with GroupWait set.
        Options.GroupWait ??= TimeSpan.Zero;
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));
        Store = store ?? new InMemoryHealthStore();
        Sinks = sinks.Length == 0 ? [new RecordingSink("primary")] : sinks;
        IHealthRule[] rules =
        [
            new AvailabilityRule(), new LatencyP95Rule(), new MemoryRule(), new CpuRule(),
            new ErrorRateRule(), new CriticalErrorsRule(), new SelfTestRule(), .. extraRules ?? [],
        ];
        var wrapped = Microsoft.Extensions.Options.Options.Create(Options);
        Evaluator = new HealthEvaluator(rules, Options, Time, Logs.CreateLogger<HealthAlertManager>());
        Manager = new HealthAlertManager(Store, Outbox, Sinks, wrapped, Time, Logs.CreateLogger<HealthAlertManager>());
        Dispatcher = new AlertDispatcher(Store, Outbox, Sinks, wrapped, Time, Logs.CreateLogger<AlertDispatcher>());
    }

    public PluginHealthOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public IHealthStore Store { get; }

    public IAlertOutboxStore Outbox => (IAlertOutboxStore)Store;

    public RecordingSink[] Sinks { get; }

    public RecordingSink Sink => Sinks[0];

    public CollectingLoggerProvider Logs { get; } = new();

    public HealthEvaluator Evaluator { get; }

    public HealthAlertManager Manager { get; }

    public AlertDispatcher Dispatcher { get; }

    /// <summary>Evaluates one cycle of snapshots and delivers what is due, then moves the clock one interval on.</summary>
    public async Task CycleAsync(params PluginHealthSnapshot[] snapshots)
    {
        var now = Time.GetUtcNow();
        await EvaluateAsync([.. snapshots.Select(s => s with { Timestamp = now })], CancellationToken.None);
        await Dispatcher.DispatchDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Time.Advance(Options.CollectionInterval);
    }

    /// <summary>Runs <paramref name="cycles"/> cycles of the same snapshots.</summary>
    public async Task CyclesAsync(int cycles, params PluginHealthSnapshot[] snapshots)
    {
        for (var i = 0; i < cycles; i++)
        {
            await CycleAsync(snapshots);
        }
    }

    /// <summary>The cycle's evaluate and alert stages, as the pipeline runs them.</summary>
    public async ValueTask<bool> EvaluateAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken) =>
        await Manager.ApplyAsync(await Evaluator.EvaluateAsync(snapshots, Manager.TrackedRulesOf, cancellationToken), cancellationToken);
}
