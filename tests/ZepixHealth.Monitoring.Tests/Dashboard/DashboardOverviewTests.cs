using System.Text.RegularExpressions;
using static ZepixHealth.Monitoring.Tests.Dashboard.DashboardFixtures;

namespace ZepixHealth.Monitoring.Tests.Dashboard;

/// <summary>The overview of many plugins: a summary first, problems before the healthy, no n/a, ages not stamps.</summary>
[TestFixture]
public sealed partial class DashboardOverviewTests
{
    private InMemoryHealthStore _store = null!;
    private HealthDashboard _dashboard = null!;

    [SetUp]
    public async Task SetUp()
    {
        _store = new InMemoryHealthStore();
        _dashboard = new HealthDashboard(_store, new FakeTimeProvider(Now));

        // 38 healthy, a hung and a dead one among them, the stale one in between.
        var plugins = Enumerable.Range(0, 40).Select(i => Healthy with { PluginId = $"plugin-{i:00}" }).ToList();
        plugins[5] = Dead with { PluginId = "plugin-05" };
        plugins[20] = Healthy with
        {
            PluginId = "plugin-20",
            Availability = new PluginAvailabilityMetrics { Status = PluginHealthStatus.Hung, IsRunning = true, IsResponsive = false, LastHeartbeat = Now.AddSeconds(-12), Reason = "IsAliveAsync did not answer within 5 s." },
        };
        await _store.AppendSnapshotsAsync([.. plugins, Host]);
        await _store.SaveAlertsAsync(
        [
            Alert(1, "plugin-05", AlertLevel.Critical, "plugin-05 is Dead", TimeSpan.FromMinutes(3)),
            Alert(2, "plugin-20", AlertLevel.Critical, "plugin-20 is Hung", TimeSpan.FromMinutes(1)),
            Alert(3, "plugin-07", AlertLevel.Warning, "slow", TimeSpan.FromHours(1), AlertState.Resolved),
        ], []);
    }

    [TestCase(DashboardFormat.TelegramHtml)]
    [TestCase(DashboardFormat.PlainText)]
    public async Task RenderOverviewAsync_FortyPlugins_OneLineSummaryThenProblemsWorstFirst(DashboardFormat format)
    {
        var text = Visible(await _dashboard.RenderOverviewAsync(format), format);
        var lines = text.Split('\n');

        lines[1].Should().Be("38 healthy, 1 hung, 1 dead; 2 alerts open");
        lines[3].Should().Be("🔴 plugin-05 · Dead");
        text.IndexOf("🟠 plugin-20 · Hung\n├ Why: IsAliveAsync did not answer within 5 s.\n├ Last activity: 12 s ago\n├ P95: 37.3 ms", StringComparison.Ordinal)
            .Should().BeGreaterThan(text.IndexOf("plugin-05 · Dead", StringComparison.Ordinal), "the dead come before the hung");
        var healthyLines = lines.Where(l => l.StartsWith("🟢 plugin-", StringComparison.Ordinal)).ToList();
        healthyLines.Should().HaveCount(38).And.OnlyContain(l => l.Contains(" · up 2h 05m · P95 37.3 ms", StringComparison.Ordinal));
        text.IndexOf("🟢 plugin-00", StringComparison.Ordinal).Should().BeGreaterThan(text.IndexOf("plugin-20 · Hung", StringComparison.Ordinal));
    }

    [TestCase(DashboardFormat.TelegramHtml)]
    [TestCase(DashboardFormat.PlainText)]
    public async Task RenderOverviewAsync_UnknownFiguresAndTimes_LeftOutAndShownAsAges(DashboardFormat format)
    {
        var text = Visible(await _dashboard.RenderOverviewAsync(format), format);

        text.Should().NotContain("n/a").And.NotContain("UTC").And.Contain("data 30 s old");
        IsoStamp().IsMatch(text).Should().BeFalse();
        text.Should().Contain("🔴 plugin-05 · Dead\n└ Why: IsAliveAsync returned false.", "a dead plugin shows only what is known of it");
    }

    [Test]
    public async Task RenderOverviewAsync_BothFormats_SameVisibleText()
    {
        var html = Visible(await _dashboard.RenderOverviewAsync(DashboardFormat.TelegramHtml), DashboardFormat.TelegramHtml);
        var plain = Visible(await _dashboard.RenderOverviewAsync(DashboardFormat.PlainText), DashboardFormat.PlainText);

        plain.Should().Be(html);
    }

    [TestCase(DashboardFormat.TelegramHtml)]
    [TestCase(DashboardFormat.PlainText)]
    public async Task RenderOverviewAsync_DataOfTwoIntervals_ShowsItsAgeWithoutAStall(DashboardFormat format)
    {
        var clock = new FakeTimeProvider(Now);
        var dashboard = new HealthDashboard(_store, clock, TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(30)); // the newest snapshot is 60 s old: two intervals, not more

        var lines = Visible(await dashboard.RenderOverviewAsync(format), format).Split('\n');

        lines[0].Should().Be("🏥 Plugin Health Dashboard · data 1 min old");
        lines[1].Should().Be("38 healthy, 1 hung, 1 dead; 2 alerts open");
    }

    [TestCase(DashboardFormat.TelegramHtml)]
    [TestCase(DashboardFormat.PlainText)]
    public async Task RenderOverviewAsync_NoCycleForLongerThanTwoIntervals_SaysTheMonitorStalled(DashboardFormat format)
    {
        var clock = new FakeTimeProvider(Now);
        var dashboard = new HealthDashboard(_store, clock, TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(95)); // no cycle since: the newest snapshot is 125 s old

        var lines = Visible(await dashboard.RenderOverviewAsync(format), format).Split('\n');

        lines[0].Should().Be("🏥 Plugin Health Dashboard · data 2 min old");
        lines[1].Should().Be("🔴 Monitor stalled: no new data for 2m 05s; the figures below are that old.");
        lines[2].Should().Be("38 healthy, 1 hung, 1 dead; 2 alerts open");
    }

    [Test]
    public void Summary_NoAlertsOrOne_SaysSoInWords()
    {
        DashboardOverview.Summary([Healthy, Healthy with { PluginId = "b" }], 0).Should().Be("2 healthy; no alerts open");
        DashboardOverview.Summary([Dead], 1).Should().Be("1 dead; 1 alert open");
    }

    private static string Visible(IReadOnlyList<string> messages, DashboardFormat format)
    {
        var text = string.Join("\n", messages);
        return format == DashboardFormat.TelegramHtml ? System.Net.WebUtility.HtmlDecode(Tag().Replace(text, string.Empty)) : text;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\d{4}-\d\d-\d\d[T ]\d\d:\d\d")]
    private static partial Regex IsoStamp();
}
