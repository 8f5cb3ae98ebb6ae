using static ZepixHealth.Monitoring.Tests.Dashboard.DashboardFixtures;

namespace ZepixHealth.Monitoring.Tests.Dashboard;

[TestFixture]
public sealed class HealthDashboardTests
{
    private InMemoryHealthStore _store = null!;
    private HealthDashboard _dashboard = null!;

    [SetUp]
    public async Task SetUp()
    {
        _store = new InMemoryHealthStore();
        _dashboard = new HealthDashboard(_store, new FakeTimeProvider(Now));
        await _store.AppendSnapshotsAsync([.. History()]);
        await _store.AppendSnapshotsAsync([Host, Healthy, Dead]);
        await _store.SaveAlertsAsync(
        [
            Alert(1, "v6-<b>15m</b>", AlertLevel.Critical, "IsAliveAsync returned false & <script>", TimeSpan.FromMinutes(3)),
            Alert(2, "v3-combined", AlertLevel.Warning, "P95 40 ms above 30 ms", TimeSpan.FromHours(2), AlertState.Resolved),
        ], []);
    }

    [Test]
    public async Task RenderOverviewAsync_Html_SummaryProblemsFirstHealthyOnOneLineHostLastRecentAlerts()
    {
        var messages = await _dashboard.RenderOverviewAsync(DashboardFormat.TelegramHtml);

        messages.Should().Equal(Expected.OverviewHtml);
    }

    [Test]
    public async Task RenderOverviewAsync_PlainText_SameLinesWithoutMarkup()
    {
        var messages = await _dashboard.RenderOverviewAsync(DashboardFormat.PlainText);

        messages.Should().Equal(Expected.OverviewPlain);
    }

    [Test]
    public async Task RenderPluginAsync_KnownPlugin_ShowsEveryMetricSelfTestAndLastError()
    {
        var messages = await _dashboard.RenderPluginAsync("V3-COMBINED", DashboardFormat.TelegramHtml);

        messages.Should().Equal(Expected.DetailHtml);
    }

    [Test]
    public async Task RenderPluginAsync_DeadPluginWithUnknownFigures_LeavesThemOutAndShowsOpenAlerts()
    {
        var messages = await _dashboard.RenderPluginAsync("v6-<b>15m</b>", DashboardFormat.PlainText);

        messages.Should().Equal(Expected.DeadDetailPlain);
    }

    [Test]
    public async Task RenderPluginAsync_UnknownPlugin_ReturnsNull()
    {
        (await _dashboard.RenderPluginAsync("nope", DashboardFormat.PlainText)).Should().BeNull();
    }

    [Test]
    public async Task RenderOpenAlertsAsync_Html_ListsFiringAlertsWithShortIds()
    {
        var messages = await _dashboard.RenderOpenAlertsAsync(DashboardFormat.TelegramHtml);

        messages.Should().Equal(Expected.OpenAlertsHtml);
    }

    [Test]
    public async Task RenderOverviewAsync_NoSnapshotsNoAlerts_SaysSo()
    {
        var dashboard = new HealthDashboard(new InMemoryHealthStore(), new FakeTimeProvider(Now));

        var messages = await dashboard.RenderOverviewAsync(DashboardFormat.PlainText);

        messages.Should().Equal(
            "🏥 Plugin Health Dashboard\n" +
            "No plugin has been checked yet; no alerts open\n" +
            "\n" +
            "✅ No recent alerts.");
    }

    [Test]
    public void RenderNotification_GroupedPlainText_OneLinePerAlert()
    {
        var notification = new AlertNotification(Guid.Empty, Now,
        [
            Alert(1, "a", AlertLevel.Critical, "dead", TimeSpan.FromMinutes(1)),
            Alert(2, "b", AlertLevel.High, "stale\nfor long", TimeSpan.FromMinutes(1)),
            Alert(3, "c", AlertLevel.Warning, "slow", TimeSpan.FromMinutes(1), AlertState.Resolved),
        ]);

        _dashboard.RenderNotification(notification, DashboardFormat.PlainText).Should().Equal(
            "🚨 3 health alerts\n" +
            "🔴 a · availability Critical for 1 min: dead 00000001\n" +
            "🟠 b · availability High for 1 min: stale for long 00000002\n" +
            "✅ c · availability resolved after 1 min: slow");
    }
}
