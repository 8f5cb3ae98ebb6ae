using System.Reflection;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring.Documentation.Tests.CSharp;

/// <summary>
/// The README's C# blocks compiled together as the one program they are, and their types run: the plugin
/// records what it is told, and the sink, rule and observer, registered as the quick start registers them
/// into a real host on a fake clock, alert a losing plugin on the console and log every cycle.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReadmeProgramTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Assembly> Program = new(() => CSharpBlockCompiler.CompileProgram(CSharpBlockTests.ProgramBlocks("README.md")));

    [Test]
    public async Task Plugin_FedBarsOrdersAndTrades_ReportsThemInItsMetrics()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));
        dynamic plugin = NewPlugin(time);

        bool signal = plugin.OnBar(100m, 101m);
        bool flat = plugin.OnBar(100m, 100.1m);
        plugin.OnOrderPlaced();
        plugin.OnTradeClosed(true, true);
        plugin.OnTradeClosed(false, true);
        PluginMetrics metrics = await ((IHealthCheckablePlugin)plugin).GetMetricsAsync();
        plugin.OnFeedLost(new IOException("feed closed"));
        bool alive = await ((IHealthCheckablePlugin)plugin).IsAliveAsync();

        signal.Should().BeTrue("a 1 % candle body is a signal");
        flat.Should().BeFalse();
        metrics.Performance.SignalsProcessed1h.Should().Be(1);
        metrics.Performance.OrdersPlaced1h.Should().Be(1);
        metrics.Performance.WinRatePct.Should().Be(50);
        metrics.Performance.SignalAccuracyPct.Should().Be(100);
        alive.Should().BeFalse("a lost feed marks the plugin faulted");
    }

    [Test]
    public async Task SinkRuleAndObserver_RegisteredAsTheQuickStartDoes_AlertALosingPluginAndLogEachCycle()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));
        var pluginType = Type("V6PriceActionPlugin");
        dynamic plugin = NewPlugin(time);
        plugin.OnBar(100m, 101m);
        for (var i = 0; i < 3; i++)
        {
            plugin.OnTradeClosed(false, false);
        }

        using var logs = new CollectingLoggerProvider();
        var cycles = new CycleSignal();
        var console = new SignallingWriter("win rate 0 % < 40 %");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(pluginType, (object)plugin);
        builder.Services.AddSingleton<IHealthCheckablePlugin>(sp => (IHealthCheckablePlugin)sp.GetRequiredService(pluginType));
        // The alert goes out in the cycle it fires in (GroupWait would hold it one more cycle for company).
        var monitoring = builder.Services.AddPluginHealthMonitoring(o => o.GroupWait = TimeSpan.Zero);
        Add(monitoring, "AddAlertSink", "ConsoleAlertSink");
        Add(monitoring, "AddRule", "LowWinRateRule");
        Add(monitoring, "AddObserver", "UnhealthyCountObserver");
        builder.Services.AddSingleton<IPluginHealthObserver>(cycles);

        var original = Console.Out;
        Console.SetOut(console);
        try
        {
            using var host = builder.Build();
            await host.StartAsync();
            await cycles.Next.WaitAsync(Guard);
            time.Advance(TimeSpan.FromSeconds(30));
            await cycles.Next.WaitAsync(Guard);
            await console.Seen.Task.WaitAsync(Guard);

            host.Services.GetRequiredService(pluginType).Should().BeSameAs(host.Services.GetRequiredService<IPluginRegistry>().GetAllPlugins().Single(), "the bot resolves the instance the monitor watches");
            await host.StopAsync().WaitAsync(Guard);
        }
        finally
        {
            Console.SetOut(original);
        }

        console.Text.Should().Contain("Firing Warning v6-price-action-5m: win rate 0 % < 40 %");
        logs.Entries.Where(e => e.Category.EndsWith("UnhealthyCountObserver", StringComparison.Ordinal)).Select(e => e.Message)
            .Should().Contain("0 of 2 unhealthy", "the plugin and the host row are both up");
    }

    private static Type Type(string name) => Program.Value.GetTypes().Single(t => t.Name == name);

    private static object NewPlugin(TimeProvider time) => Activator.CreateInstance(Type("V6PriceActionPlugin"), "v6-price-action-5m", time)!;

    /// <summary>Calls <c>monitoring.AddX&lt;T&gt;()</c> with a type of the README.</summary>
    private static void Add(IPluginHealthMonitoringBuilder monitoring, string method, string type) =>
        typeof(PluginHealthMonitoringBuilderExtensions).GetMethods().Single(m => m.Name == method && m.IsGenericMethodDefinition && m.GetParameters().Length == 1)
            .MakeGenericMethod(Type(type)).Invoke(null, [monitoring]);

    private sealed class CycleSignal : IPluginHealthObserver
    {
        private readonly SemaphoreSlim _completed = new(0);

        public Task Next => _completed.WaitAsync();

        public ValueTask OnCycleCompletedAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken)
        {
            _completed.Release();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class SignallingWriter(string awaited) : StringWriter
    {
        private readonly Lock _gate = new();

        public TaskCompletionSource Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
                if (GetStringBuilder().ToString().Contains(awaited, StringComparison.Ordinal))
                {
                    Seen.TrySetResult();
                }
            }
        }

        public override void Write(string? value)
        {
            foreach (var c in value ?? "")
            {
                Write(c);
            }
        }

        public override void WriteLine(string? value)
        {
            Write(value);
            Write(CoreNewLine);
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
