using Microsoft.Extensions.DependencyInjection;
using ZepixHealth.Monitoring.Telegram.Tests.Support;
using static ZepixHealth.Monitoring.Telegram.Tests.TelegramHealthCommandsTests;

namespace ZepixHealth.Monitoring.Telegram.Tests;

/// <summary>The ids the operator sees in Telegram are the ids /ack and /silence take, even during an incident.</summary>
[TestFixture]
public sealed class TelegramAlertIdCommandsTests
{
    [Test]
    public async Task TryHandleAsync_AckShownIdOfOneOfThreeAlertsRaisedTogether_AcknowledgesThatOne()
    {
        await using var server = FakeBotApiServer.Start();
        var manager = new RecordingAlertManager();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.MinSendInterval = TimeSpan.Zero, s => s.AddSingleton<IHealthAlertManager>(manager));
        var raised = host.Time.GetUtcNow();
        var alerts = Enumerable.Range(1, 3).Select(i => TestAlerts.Alert($"plugin-{i}") with { Id = Guid.CreateVersion7(raised) }).ToList();
        await host.Outbox.SaveAlertsAsync(alerts, []);

        await host.Commands.TryHandleAsync(host.Client, Command("/alerts"));
        var shown = server.SentMessages.Single().Text;
        alerts.Should().OnlyContain(a => shown.Contains($"<code>{a.ShortId}</code>", StringComparison.Ordinal));
        await host.Commands.TryHandleAsync(host.Client, Command($"/ack {alerts[1].ShortId.ToUpperInvariant()}"));

        manager.Acknowledged.Should().Equal((alerts[1].Id, "telegram:@op"));
        server.SentMessages[^1].Text.Should().StartWith($"👍 Acknowledged <code>{alerts[1].ShortId}</code> <b>plugin-2</b>");
    }

    [Test]
    public async Task TryHandleAsync_SilenceAnOpenAlertsShortId_SilencesItsPluginAndRule()
    {
        await using var server = FakeBotApiServer.Start();
        var manager = new RecordingAlertManager();
        await using var host = new TelegramTestHost(server.BaseUrl, services: s => s.AddSingleton<IHealthAlertManager>(manager));
        var alert = TestAlerts.Alert() with { ShortId = "beef" };
        await host.Outbox.SaveAlertsAsync([alert], []);

        await host.Commands.TryHandleAsync(host.Client, Command("/silence beef 1h"));

        var silence = manager.Silences.Should().ContainSingle().Subject;
        (silence.PluginId, silence.RuleId).Should().Be((alert.PluginId, alert.RuleId));
        server.SentMessages.Single().Text.Should().StartWith("🔕 Silenced <b>v6-price-action-15m · availability</b> until 2025-06-01 13:00 UTC");
    }

    [TestCase("/health ")]
    [TestCase("/ack ")]
    [TestCase("/silence ")]
    public async Task TryHandleAsync_ArgumentOf5000Characters_RepliesWithAShortEscapedPrefix(string command)
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        var argument = string.Concat(Enumerable.Repeat("<b>&", 1250));
        var suffix = command == "/silence " ? " 1h" : string.Empty;

        await host.Commands.TryHandleAsync(host.Client, Command(command + argument + suffix));

        var reply = server.SentMessages.Should().ContainSingle().Subject.Text;
        TelegramHtml.Visible(reply).Length.Should().BeLessThan(TelegramText.MaxEcho + 200);
        reply.Should().Contain(string.Concat(Enumerable.Repeat("&lt;b&gt;&amp;", TelegramText.MaxEcho / 4)) + "…").And.NotContain("<b>&<b>");
    }
}
