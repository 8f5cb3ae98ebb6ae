using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring.Tests.Storage;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Issues;

/// <summary>
/// Issue 12, part 6: text from plugins reached log lines and the plain-text dashboard unchanged, so
/// one plugin message could span several log entries or send ANSI escapes to an operator's terminal;
/// a plugin id with a lone surrogate was silently changed by SQLite.
/// </summary>
public class PluginTextCannotForgeOutputTests
{
    // Clears the screen, sets the window title, and starts a forged log line.
    private const string Hostile = "boom\u001b[2J\u001b]0;pwned\u0007\r\nfail: Plugin v3-combined is Healthy\u009b31m\u2028\u202eend";

    private static readonly DateTimeOffset Now = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public void ToSingleLine_HostileText_IsOneLineWithEveryControlShownVisibly()
    {
        var line = OperatorText.ToSingleLine(Hostile + "\ud800x\tend");

        line.Should().Be(
            "boom\\u001b[2J\\u001b]0;pwned\\u0007\\r\\nfail: Plugin v3-combined is Healthy\\u009b31m\\u2028\\u202eend\\ud800x\\tend");
        AssertSafe(line);
    }

    [Test]
    public void ToSingleLine_SafeTextWithNonAsciiAndEmoji_IsReturnedAsItIs()
    {
        const string text = "v6-ценовое-действие 5m 📈 ▁▂▃ déjà";

        OperatorText.ToSingleLine(text).Should().BeSameAs(text);
    }

    [Test]
    public async Task LoggingAlertSink_HostileAlertText_LogsOneSafeLine()
    {
        // Arrange
        var logs = new CollectingLoggerProvider();
        var sink = new LoggingAlertSink(logs.CreateLogger<LoggingAlertSink>());
        var alert = new HealthAlert
        {
            Id = Guid.NewGuid(), PluginId = "p", RuleId = "custom\nrule", Level = AlertLevel.Critical, Message = Hostile, RaisedAt = Now,
        };

        // Act
        await sink.SendAsync(new AlertNotification(Guid.NewGuid(), Now, [alert, alert with { State = AlertState.Resolved }]), CancellationToken.None);

        // Assert
        logs.Entries.Should().HaveCount(2);
        logs.Entries.Should().AllSatisfy(e =>
        {
            AssertSafe(e.Message);
            e.Message.Should().Contain("custom\\nrule").And.Contain("boom\\u001b[2J");
        });
    }

    [Test]
    public async Task CollectOnceAsync_PluginThrowsHostileMessage_LogLineIsSafeAndSnapshotKeepsTheOriginal()
    {
        // Arrange
        var plugin = new ScriptedPlugin("v3-combined") { Alive = _ => throw new InvalidOperationException(Hostile) };
        var harness = new MonitorHarness(null, plugin);

        // Act
        var snapshot = (await harness.CollectAsync()).Single();

        // Assert
        snapshot.Availability.Reason.Should().Contain(Hostile, "the stored reason keeps what the plugin said");
        var entry = harness.Logs.Entries.Should().ContainSingle(e => e.EventId.Id == 1001).Subject;
        AssertSafe(entry.Message);
        entry.Message.Should().Contain("boom\\u001b[2J\\u001b]0;pwned\\u0007\\r\\nfail:");
    }

    [TestCase(DashboardFormat.PlainText)]
    [TestCase(DashboardFormat.TelegramHtml)]
    public async Task Dashboard_HostileReasonAndError_EachShownOnOneLine(DashboardFormat format)
    {
        // Arrange
        var store = new InMemoryHealthStore();
        var dashboard = new HealthDashboard(store, new FakeTimeProvider(Now));
        await store.AppendSnapshotsAsync(
        [
            new PluginHealthSnapshot
            {
                PluginId = "v3-combined",
                Timestamp = Now.AddSeconds(-30),
                Availability = new PluginAvailabilityMetrics { Status = PluginHealthStatus.Dead, IsRunning = false, IsResponsive = false, Reason = Hostile },
                Errors = new PluginErrorMetrics { TotalErrors = 1, LastErrorMessage = Hostile, LastErrorType = "Evil\u001b[0mType" },
            },
        ]);
        await store.SaveAlertsAsync(
            [new HealthAlert { Id = Guid.NewGuid(), PluginId = "v3-combined", RuleId = "availability", Level = AlertLevel.Critical, Message = Hostile, RaisedAt = Now }],
            []);

        // Act
        var pages = (await dashboard.RenderOverviewAsync(format)).Concat(await dashboard.RenderPluginAsync("v3-combined", format) ?? []).ToList();

        // Assert
        var lines = pages.SelectMany(p => p.Split('\n')).ToList();
        lines.Should().AllSatisfy(AssertSafe);
        lines.Should().NotContain(l => l.StartsWith("fail:", StringComparison.Ordinal), "a plugin's text must not start a line of its own");
        string.Concat(pages).Should().Contain("\\u001b[2J");
    }

    // Not TestCase strings: attribute metadata is UTF-8, which would turn a lone surrogate into U+FFFD.
    private static readonly string[] LoneSurrogateIds = ["v3-\ud800combined", "v3-combined\udc00", "\udc00\ud800"];

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void Register_IdWithLoneSurrogate_IsRefusedNamingIt(int which)
    {
        var id = LoneSurrogateIds[which];
        var registry = new PluginRegistry([]);

        var act = () => registry.Register(new ScriptedPlugin(id));

        act.Should().Throw<ArgumentException>()
            .Which.Message.Should().Contain("lone surrogate").And.Contain(OperatorText.ToSingleLine(id)).And.Contain("not valid UTF-16");
        registry.GetAllPlugins().Should().BeEmpty();
    }

    [Test]
    public async Task SqliteStore_ValidNonAsciiId_RoundTripsUnchangedWithOriginalText()
    {
        // Arrange
        const string id = "v6-ценовое-действие-📈-5m";
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        var registry = new PluginRegistry([new ScriptedPlugin(id)]);
        var snapshot = StoreTestData.Full(registry.GetAllPlugins().Single().Id, StoreTestData.Start) with
        {
            Availability = new PluginAvailabilityMetrics { Status = PluginHealthStatus.Dead, IsRunning = false, IsResponsive = false, Reason = Hostile },
        };

        // Act
        await store.AppendSnapshotsAsync([snapshot]);
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var latest = (await store.GetLatestSnapshotsAsync()).Single();
        var history = await store.GetHistoryAsync(id, StoreTestData.Start, StoreTestData.Start);

        // Assert
        latest.PluginId.Should().Be(id);
        latest.Availability.Reason.Should().Be(Hostile, "SQLite keeps the original text");
        history.Should().ContainSingle().Which.PluginId.Should().Be(id);
    }

    private static void AssertSafe(string line)
    {
        foreach (var c in line)
        {
            char.IsControl(c).Should().BeFalse($"U+{(int)c:X4} must not reach the operator in \"{line}\"");
            (c is '\u2028' or '\u2029' or (>= '\u202a' and <= '\u202e')).Should().BeFalse($"U+{(int)c:X4} must not reach the operator");
        }
    }
}
