using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Hosting;

/// <summary>
/// The safe way to drive the hosted monitor with a fake clock (docs/reliability.md): move the clock
/// only between cycles, and fail fast, with a clear message, when the tick that should start a cycle
/// is lost, rather than hang or pass by luck.
/// </summary>
[TestFixture]
public sealed partial class FakeClockCyclesTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public async Task NextCycleAsync_HostedMonitor_RunsExactlyOneCycleAtEachInterval()
    {
        // Arrange
        var time = new FakeTimeProvider(Start);
        var plugin = new ScriptedPlugin("v3-combined");
        using var host = BuildHost(time, plugin);
        await host.StartAsync();
        var monitor = host.Services.GetRequiredService<PluginHealthMonitor>();
        var cycles = new FakeClockCycles(time, monitor, Interval);

        // Act
        await cycles.CycleAtNowAsync();
        for (var i = 0; i < 20; i++)
        {
            await cycles.NextCycleAsync();
        }

        await host.StopAsync();

        // Assert
        monitor.LastCycleCompletedAt.Should().Be(Start + (20 * Interval));
        plugin.AliveCalls.Should().Be(21, "one cycle at start and one per interval, none lost and none extra");
    }

    [Test]
    public async Task NextCycleAsync_NoTickComes_FailsFastNamingTheLostTick()
    {
        // Arrange: a monitor with no hosted service, so that no tick ever starts a cycle.
        var harness = new MonitorHarness(null, new ScriptedPlugin("p"));
        await harness.CollectAsync();
        var cycles = new FakeClockCycles(harness.Time, harness.Monitor, Interval) { Guard = TimeSpan.FromSeconds(1) };

        // Act
        var watch = Stopwatch.StartNew();
        var act = cycles.NextCycleAsync;

        // Assert
        (await act.Should().ThrowAsync<TimeoutException>()).WithMessage("*tick was lost*");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "a lost tick fails the test after its guard, not after the test runner's timeout");
    }

    [Test]
    public void ReliabilityDoc_FakeClockBlock_IsTheHelperTheTestsRun()
    {
        var root = RepositoryFiles.Root();
        var doc = File.ReadAllText(Path.Combine(root, "docs", "reliability.md")).ReplaceLineEndings("\n");
        var helper = File.ReadAllText(Path.Combine(root, "tests", "ZepixHealth.Monitoring.Tests", "Support", "FakeClockCycles.cs")).ReplaceLineEndings("\n");

        var block = CSharpBlock().Match(doc[doc.IndexOf("## Driving the hosted monitor with a fake clock", StringComparison.Ordinal)..]);

        block.Success.Should().BeTrue("docs/reliability.md shows the helper");
        helper.Should().Contain(block.Groups["code"].Value, "the block in the docs is the class the tests run, word for word");
    }

    private static IHost BuildHost(FakeTimeProvider time, IHealthCheckablePlugin plugin)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(plugin);
        builder.Services.AddPluginHealthMonitoring(o => o.CollectionInterval = Interval);
        return builder.Build();
    }

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
