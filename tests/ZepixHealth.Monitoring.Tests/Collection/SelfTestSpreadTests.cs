using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Collection;

/// <summary>
/// First self-tests are spread over the cycles of one SelfTestInterval when a host starts with more
/// plugins than a cycle's share: every plugin still gets one within the interval, and a host of a few
/// hundred plugins still gets all of them in its first cycle.
/// </summary>
/// <remarks>
/// Each monitor is disposed: its per-plugin gauges are on a meter of the process, and thousands of them
/// left behind would crowd out the series of a test that scrapes the process's meters.
/// </remarks>
[TestFixture]
public sealed class SelfTestSpreadTests
{
    private static readonly TimeSpan Interval = new PluginHealthOptions().CollectionInterval;

    [Test]
    public async Task FirstCycle_AsManyPluginsAsItsShare_SelfTestsEveryPluginAtOnce()
    {
        var plugins = Plugins(SelfTestScheduler.FirstAtOnce);
        var harness = new MonitorHarness(null, plugins);
        using var monitor = harness.Monitor;

        await harness.CollectAsync();
        await harness.Monitor.WhenSelfTestsRecordedAsync();
        var next = await harness.CollectAsync();

        plugins.Should().OnlyContain(p => p.SelfTestCalls == 1);
        next.Should().OnlyContain(s => s.SelfTest != null && s.SelfTest.Passed);
    }

    [Test]
    public async Task ThreeThousandPlugins_FirstSelfTestsTakeTheSteadyRateAndAllRunWithinOneInterval()
    {
        // 30 s cycles, 5 min self-tests: ten cycles per interval, so 300 first self-tests a cycle.
        var plugins = Plugins(3_000);
        var harness = new MonitorHarness(null, plugins);
        using var monitor = harness.Monitor;
        var started = new List<int>();
        for (var cycle = 0; cycle < 10; cycle++)
        {
            await harness.CollectAsync();
            await harness.Monitor.WhenSelfTestsRecordedAsync();
            started.Add(plugins.Count(p => p.SelfTestCalls > 0));
            harness.Time.Advance(Interval);
        }

        started.Should().Equal(300, 600, 900, 1_200, 1_500, 1_800, 2_100, 2_400, 2_700, 3_000);
        plugins.Should().OnlyContain(p => p.SelfTestCalls == 1, "each plugin's next self-test is one interval after its first");
    }

    [Test]
    public async Task FiveHundredPlugins_TheShareIsAtLeastFirstAtOnce()
    {
        var plugins = Plugins(500);
        var harness = new MonitorHarness(null, plugins);
        using var monitor = harness.Monitor;

        await harness.CollectAsync();
        await harness.Monitor.WhenSelfTestsRecordedAsync();
        var first = plugins.Count(p => p.SelfTestCalls > 0);
        harness.Time.Advance(Interval);
        var snapshots = await harness.CollectAsync();
        await harness.Monitor.WhenSelfTestsRecordedAsync();

        first.Should().Be(SelfTestScheduler.FirstAtOnce);
        plugins.Should().OnlyContain(p => p.SelfTestCalls == 1, "the rest start in the second cycle");
        snapshots.Should().OnlyContain(s => s.Availability.Status == PluginHealthStatus.Healthy);
    }

    private static ScriptedPlugin[] Plugins(int count) => [.. Enumerable.Range(0, count).Select(i => new ScriptedPlugin($"plugin-{i:D4}"))];
}
