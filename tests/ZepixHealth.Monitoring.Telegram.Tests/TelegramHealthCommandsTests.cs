using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using ZepixHealth.Monitoring.Telegram.Tests.Support;
using static ZepixHealth.Monitoring.Telegram.Tests.Support.TestAlerts;

namespace ZepixHealth.Monitoring.Telegram.Tests;

[TestFixture]
public sealed class TelegramHealthCommandsTests
{
    [Test]
    public async Task TryHandleAsync_HealthFromAllowedChat_AnswersWithDashboard()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        await host.Store.AppendSnapshotsAsync([Snapshot("v3-combined")]);

        var handled = await host.Commands.TryHandleAsync(host.Client, Command("/health"));

        handled.Should().BeTrue();
        var reply = server.SentMessages.Should().ContainSingle().Subject;
        reply.ChatId.Should().Be(TelegramTestHost.ChatId);
        reply.Text.Should().StartWith("🏥 <b>Plugin Health Dashboard</b>").And.Contain("<b>1 healthy; no alerts open</b>").And.Contain("🟢 <b>v3-combined</b> · up 2h 05m · P95 37 ms");
    }

    [Test]
    public async Task TryHandleAsync_UnauthorizedChat_SendsNothingAndLogs()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);

        var handled = await host.Commands.TryHandleAsync(host.Client, Command("/health", chatId: 999, userId: 998));

        handled.Should().BeTrue();
        server.SentMessages.Should().BeEmpty();
        host.Logs.Entries.Should().Contain(e => e.EventId.Id == 5010 && e.Message.Contains("999", StringComparison.Ordinal));
    }

    [Test]
    public async Task TryHandleAsync_AllowedUserInOtherChat_Answers()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.AllowedUserIds.Add(998));

        (await host.Commands.TryHandleAsync(host.Client, Command("/alerts", chatId: 999, userId: 998))).Should().BeTrue();

        server.SentMessages.Should().ContainSingle().Which.Text.Should().Be("✅ No open alerts.");
    }

    [Test]
    public async Task TryHandleAsync_CommandForAnotherBot_IsIgnored()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);

        var handled = await host.Commands.TryHandleAsync(host.Client, Command("/health@OtherBot"));

        handled.Should().BeFalse();
        server.SentMessages.Should().BeEmpty();
    }

    [Test]
    public async Task TryHandleAsync_CommandForThisBotInOtherCase_Answers()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);

        (await host.Commands.TryHandleAsync(host.Client, Command("/alerts@zepixhealthbot"))).Should().BeTrue();

        server.Requests.Select(r => r.Method).Should().Equal("getMe", "sendMessage");
    }

    [TestCase("/price BTC")]
    [TestCase("health without a slash")]
    public async Task TryHandleAsync_NotAHealthCommand_ReturnsFalse(string text)
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);

        (await host.Commands.TryHandleAsync(host.Client, Command(text))).Should().BeFalse();

        server.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task TryHandleAsync_HealthOfOnePlugin_AnswersWithDetail()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        await host.Store.AppendSnapshotsAsync([Snapshot("v3-combined")]);

        await host.Commands.TryHandleAsync(host.Client, Command("/health V3-Combined"));

        server.SentMessages.Single().Text.Should().StartWith("🟢 <b>v3-combined</b> · Healthy\n").And.Contain("<b>Open alerts (0)</b>");
    }

    [Test]
    public async Task TryHandleAsync_HealthOfUnknownPluginWithMarkup_AnswersEscaped()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);

        await host.Commands.TryHandleAsync(host.Client, Command("/health <script>"));

        server.SentMessages.Single().Text.Should().Be("❓ No plugin <b>&lt;script&gt;</b> has been checked. No plugin is known yet.");
    }

    [Test]
    public async Task TryHandleAsync_AckWithShortId_AcknowledgesTheOpenAlert()
    {
        await using var server = FakeBotApiServer.Start();
        var manager = new RecordingAlertManager();
        await using var host = new TelegramTestHost(server.BaseUrl, services: s => s.AddSingleton<IHealthAlertManager>(manager));
        var alert = Alert();
        await host.Outbox.SaveAlertsAsync([alert], []);

        await host.Commands.TryHandleAsync(host.Client, Command("/ack 00000001"));

        manager.Acknowledged.Should().Equal((alert.Id, "telegram:@op"));
        server.SentMessages.Single().Text.Should().StartWith("👍 Acknowledged <code>00000001</code> <b>v6-price-action-15m</b>");
    }

    [Test]
    public async Task TryHandleAsync_SilenceKnownPlugin_SilencesUntilDuration()
    {
        await using var server = FakeBotApiServer.Start();
        var manager = new RecordingAlertManager();
        await using var host = new TelegramTestHost(server.BaseUrl, services: s => s.AddSingleton<IHealthAlertManager>(manager));
        await host.Store.AppendSnapshotsAsync([Snapshot("v3-combined")]);

        await host.Commands.TryHandleAsync(host.Client, Command("/silence v3-combined 1h30m exchange maintenance"));

        var silence = manager.Silences.Should().ContainSingle().Subject;
        silence.PluginId.Should().Be("v3-combined");
        silence.Until.Should().Be(host.Time.GetUtcNow().AddMinutes(90));
        silence.Reason.Should().Be("exchange maintenance");
        server.SentMessages.Single().Text.Should().Be("🔕 Silenced <b>v3-combined</b> until 2025-06-01 13:30 UTC: exchange maintenance");
    }

    [TestCase("/silence v3-combined")]
    [TestCase("/silence v3-combined soon")]
    [TestCase("/silence nope 1h")]
    public async Task TryHandleAsync_SilenceWithBadArguments_ExplainsAndSilencesNothing(string text)
    {
        await using var server = FakeBotApiServer.Start();
        var manager = new RecordingAlertManager();
        await using var host = new TelegramTestHost(server.BaseUrl, services: s => s.AddSingleton<IHealthAlertManager>(manager));
        await host.Store.AppendSnapshotsAsync([Snapshot("v3-combined")]);

        await host.Commands.TryHandleAsync(host.Client, Command(text));

        manager.Silences.Should().BeEmpty();
        server.SentMessages.Single().Text.Should().MatchRegex("^(Usage|❓)");
    }

    [Test]
    public async Task TryHandleAsync_LongDashboard_SplitsIntoValidMessages()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.MinSendInterval = TimeSpan.Zero);
        var ids = Enumerable.Range(0, 60).Select(i => $"plugin-{i:00}-<&>-{new string('x', 40)}").ToList();
        await host.Store.AppendSnapshotsAsync([.. ids.Select(id => Snapshot(id))]);

        await host.Commands.TryHandleAsync(host.Client, Command("/health"));

        var parts = server.SentMessages.Select(m => m.Text).ToList();
        parts.Should().HaveCountGreaterThan(1);
        parts.Should().OnlyContain(p => TelegramHtml.Visible(p).Length <= 4096 && TelegramHtml.IsBalanced(p));
        var all = string.Join("\n", parts.Select(TelegramHtml.Visible));
        ids.Should().OnlyContain(id => all.Contains($"🟢 {id} · up 2h 05m · P95 37 ms · 120.5 MB · CPU 3.2% · err 0.50% · █\n", StringComparison.Ordinal), "no plugin line is cut in two");
    }

    internal static Update Command(string text, long chatId = TelegramTestHost.ChatId, long userId = TelegramTestHost.OperatorId)
    {
        var length = text.StartsWith('/') ? text.Split(' ')[0].Length : 0;
        return new Update
        {
            Id = 1,
            Message = new Message
            {
                Id = 10,
                Date = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc),
                Chat = new Chat { Id = chatId, Type = ChatType.Group },
                From = new User { Id = userId, FirstName = "Op", Username = "op" },
                Text = text,
                Entities = length > 0 ? [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = length }] : null,
            },
        };
    }
}
