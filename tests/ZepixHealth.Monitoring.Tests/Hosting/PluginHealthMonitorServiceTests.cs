using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Hosting;

[TestFixture]
public sealed class PluginHealthMonitorServiceTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Test]
    public async Task ExecuteAsync_RunsACycleAtStartThenOneEveryInterval()
    {
        var calls = new SemaphoreSlim(0);
        var plugin = new ScriptedPlugin("p")
        {
            Alive = _ =>
            {
                calls.Release();
                return ValueTask.FromResult(true);
            },
        };
        var time = new FakeTimeProvider();
        using var host = BuildHost(time, services => services.AddSingleton<IHealthCheckablePlugin>(plugin));

        await host.StartAsync();
        (await calls.WaitAsync(Guard)).Should().BeTrue("a cycle runs at start");
        time.Advance(Interval - TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        (await calls.WaitAsync(Guard)).Should().BeTrue("a cycle runs when the interval has passed");
        time.Advance(Interval);
        (await calls.WaitAsync(Guard)).Should().BeTrue();
        await host.StopAsync().WaitAsync(Guard);

        plugin.AliveCalls.Should().Be(3, "one cycle at start and one per interval, none in between");
    }

    [Test]
    public async Task ExecuteAsync_ACycleFails_ItIsLoggedAndTheNextCycleRuns()
    {
        var registry = new FlakyRegistry(new ScriptedPlugin("p"));
        var time = new FakeTimeProvider();
        var logs = new CollectingLoggerProvider();
        using var host = BuildHost(time, services => services.AddSingleton<IPluginRegistry>(registry), logs);

        await host.StartAsync();
        await registry.Calls.WaitAsync(Guard);
        time.Advance(Interval);
        await registry.Calls.WaitAsync(Guard);
        await host.StopAsync().WaitAsync(Guard);

        logs.Entries.Should().ContainSingle(e => e.EventId.Id == 1102)
            .Which.Exception.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("registry unavailable");
        registry.SucceededCalls.Should().BeGreaterThanOrEqualTo(1);
    }

    [Test]
    public async Task StopAsync_PluginHangsForever_StopsWithoutWaitingForTheCheckTimeout()
    {
        var entered = new SemaphoreSlim(0);
        var plugin = new ScriptedPlugin("hanger")
        {
            Alive = _ =>
            {
                entered.Release();
                return ScriptedPlugin.Forever<bool>();
            },
        };
        var time = new FakeTimeProvider();
        var logs = new CollectingLoggerProvider();
        using var host = BuildHost(time, services => services.AddSingleton<IHealthCheckablePlugin>(plugin), logs);

        await host.StartAsync();
        (await entered.WaitAsync(Guard)).Should().BeTrue();
        var stopping = host.StopAsync();
        await stopping.WaitAsync(Guard);

        stopping.IsCompletedSuccessfully.Should().BeTrue("the fake clock never reached the check timeout, so cancellation alone ended the cycle");
        logs.Entries.Should().Contain(e => e.EventId.Id == 1103);
        logs.Entries.Should().NotContain(e => e.EventId.Id == 1102, "stopping is not a failure");
    }

    [Test]
    public async Task Host_PluginDies_TheAlertReachesTheSinksAndTheLog()
    {
        var delivered = new TaskCompletionSource<AlertNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new RecordingSink("test") { Behaviour = (n, _) => { delivered.TrySetResult(n); return ValueTask.CompletedTask; } };
        var time = new FakeTimeProvider();
        var logs = new CollectingLoggerProvider();
        var plugin = new ScriptedPlugin("v6-price-action-15m") { Alive = _ => throw new InvalidOperationException("socket closed") };
        using var host = BuildHost(time, services => services.AddSingleton<IHealthCheckablePlugin>(plugin).AddSingleton<IAlertSink>(sink), logs);

        await host.StartAsync();
        var notification = await delivered.Task.WaitAsync(Guard);
        await WaitForLogAsync(logs, 2203);
        await host.StopAsync().WaitAsync(Guard);

        var alert = notification.Alerts.Single();
        alert.RuleId.Should().Be(HealthRuleIds.Availability);
        alert.Level.Should().Be(AlertLevel.Critical);
        alert.Message.Should().Contain("socket closed");
        logs.Entries.Should().Contain(e => e.EventId.Id == 2203 && e.Level == LogLevel.Critical && e.Message.Contains("v6-price-action-15m/availability"));
        (await host.Services.GetRequiredService<IHealthStore>().GetOpenAlertsAsync()).Should().ContainSingle().Which.Id.Should().Be(alert.Id);
    }

    [Test]
    public async Task Host_SinkHangsForever_CyclesGoOnOnTime()
    {
        var calls = new SemaphoreSlim(0);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new RecordingSink("stuck")
        {
            Behaviour = (_, _) =>
            {
                entered.TrySetResult();
                return new ValueTask(new TaskCompletionSource().Task);
            },
        };
        var plugin = new ScriptedPlugin("dead")
        {
            Alive = _ =>
            {
                calls.Release();
                return ValueTask.FromResult(false);
            },
        };
        var time = new FakeTimeProvider();
        using var host = BuildHost(time, services => services.AddSingleton<IHealthCheckablePlugin>(plugin).AddSingleton<IAlertSink>(sink));

        await host.StartAsync();
        await entered.Task.WaitAsync(Guard);
        for (var cycle = 0; cycle < 5; cycle++)
        {
            (await calls.WaitAsync(Guard)).Should().BeTrue($"cycle {cycle + 1} ran although the sink never answers");
            time.Advance(Interval);
        }

        await host.StopAsync().WaitAsync(Guard);
        sink.Calls.Should().Be(1, "the hung sink is not called again while its call runs");
    }

    private static async Task WaitForLogAsync(CollectingLoggerProvider logs, int eventId)
    {
        var giveUp = DateTime.UtcNow + Guard;
        while (!logs.Entries.Any(e => e.EventId.Id == eventId))
        {
            DateTime.UtcNow.Should().BeBefore(giveUp, $"event {eventId} should have been logged");
            await Task.Yield();
        }
    }

    private static IHost BuildHost(FakeTimeProvider time, Action<IServiceCollection> configure, CollectingLoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(time);
        configure(builder.Services);
        builder.Services.AddPluginHealthMonitoring(o =>
        {
            o.CollectionInterval = Interval;
            o.GroupWait = TimeSpan.Zero;
        });
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        return builder.Build();
    }

    private sealed class FlakyRegistry(IHealthCheckablePlugin plugin) : IPluginRegistry
    {
        private int _calls;

        public SemaphoreSlim Calls { get; } = new(0);

        public int SucceededCalls => Math.Max(0, Volatile.Read(ref _calls) - 1);

        public IReadOnlyList<IHealthCheckablePlugin> GetAllPlugins()
        {
            var call = Interlocked.Increment(ref _calls);
            Calls.Release();
            // A registry that throws is survived inside the cycle (it falls back to the last list);
            // a list that breaks when read still fails the cycle, which is what this test needs.
            return call == 1 ? new BrokenList() : [plugin];
        }

        public void Register(IHealthCheckablePlugin plugin) => throw new NotSupportedException();

        public bool Unregister(string pluginId) => throw new NotSupportedException();

        private sealed class BrokenList : IReadOnlyList<IHealthCheckablePlugin>
        {
            public int Count => throw new InvalidOperationException("registry unavailable");

            public IHealthCheckablePlugin this[int index] => throw new InvalidOperationException("registry unavailable");

            public IEnumerator<IHealthCheckablePlugin> GetEnumerator() => throw new InvalidOperationException("registry unavailable");

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
