using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telegram.Bot.Types;
using ZepixHealth.Monitoring.Telegram.Tests.Support;
using static ZepixHealth.Monitoring.Telegram.Tests.Support.TestAlerts;

namespace ZepixHealth.Monitoring.Telegram.Tests;

/// <summary>A firing notification's buttons, pressed by an operator or by anyone else.</summary>
[TestFixture]
public sealed class TelegramAlertButtonsTests
{
    private const long OperatorUserId = 7;
    private const long StrangerUserId = 8;

    [Test]
    public async Task SendAsync_FiringAlertWithAllowedUsers_CarriesAcknowledgeAndSilenceButtonsWithTheShortId()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.AllowedUserIds.Add(OperatorUserId));

        await host.Sink.SendAsync(Notification(Alert()), CancellationToken.None);

        var buttons = server.SentMessages.Single().Buttons;
        buttons.Should().ContainSingle().Which.Should().Equal(("✅ Acknowledge", "zhm:ack:00000001"), ("🔕 Silence 1 h", "zhm:sil1h:00000001"));
        buttons[0].Should().OnlyContain(b => Encoding.UTF8.GetByteCount(b.Data) <= 64);
    }

    [Test]
    public async Task SendAsync_GroupedFiringAlerts_OneRowPerFiringAlertNamingItsId()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.AllowedUserIds.Add(OperatorUserId));
        var resolved = Alert("c", n: 3) with { State = AlertState.Resolved, ResolvedAt = RaisedAt.AddMinutes(1) };

        await host.Sink.SendAsync(Notification(Alert("a", n: 1), Alert("b", n: 2), resolved), CancellationToken.None);

        server.SentMessages.Single().Buttons.Select(row => row.Select(b => b.Data)).Should().BeEquivalentTo(
            new[] { new[] { "zhm:ack:00000001", "zhm:sil1h:00000001" }, new[] { "zhm:ack:00000002", "zhm:sil1h:00000002" } },
            o => o.WithStrictOrdering());
    }

    [Test]
    public async Task SendAsync_NoAllowedUsersOrResolved_NoButtons()
    {
        await using var server = FakeBotApiServer.Start();
        await using var noUsers = new TelegramTestHost(server.BaseUrl);
        await using var withUsers = new TelegramTestHost(server.BaseUrl, o => o.AllowedUserIds.Add(OperatorUserId));

        await noUsers.Sink.SendAsync(Notification(Alert()), CancellationToken.None);
        await withUsers.Sink.SendAsync(Notification(Alert() with { State = AlertState.Resolved, ResolvedAt = RaisedAt.AddMinutes(1) }), CancellationToken.None);

        server.SentMessages.Should().HaveCount(2).And.OnlyContain(m => m.Body["reply_markup"] == null);
    }

    [Test]
    public async Task SendAsync_ShortIdTooLongForCallbackData_NoButtonRatherThanARefusedMessage()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.AllowedUserIds.Add(OperatorUserId));

        await host.Sink.SendAsync(Notification(Alert() with { ShortId = new string('f', 60) }), CancellationToken.None);

        server.SentMessages.Single().Body["reply_markup"].Should().BeNull();
    }

    [Test]
    public async Task TryHandleAsync_OperatorPressesAcknowledge_AcknowledgesAndAnswersTheQuery()
    {
        await using var server = FakeBotApiServer.Start();
        var manager = new RecordingAlertManager();
        await using var host = await HostWithOpenAlertAsync(server, manager);

        var handled = await host.Commands.TryHandleAsync(host.Client, Press("zhm:ack:00000001", OperatorUserId));

        handled.Should().BeTrue();
        manager.Acknowledged.Should().Equal((Alert().Id, "telegram:@op"));
        var answer = server.CallbackAnswers.Should().ContainSingle().Subject;
        ((string?)answer.Body["callback_query_id"]).Should().Be("query-1");
        ((string?)answer.Body["text"]).Should().Be("👍 Acknowledged v6-price-action-15m · availability.");
        server.SentMessages.Should().BeEmpty();
    }

    [Test]
    public async Task TryHandleAsync_OperatorPressesSilence_SilencesThePluginAndRuleForOneHour()
    {
        await using var server = FakeBotApiServer.Start();
        var manager = new RecordingAlertManager();
        await using var host = await HostWithOpenAlertAsync(server, manager);

        await host.Commands.TryHandleAsync(host.Client, Press("zhm:sil1h:00000001", OperatorUserId));

        var silence = manager.Silences.Should().ContainSingle().Subject;
        (silence.PluginId, silence.RuleId).Should().Be(("v6-price-action-15m", "availability"));
        silence.Until.Should().Be(host.Time.GetUtcNow().AddHours(1));
        ((string?)server.CallbackAnswers.Single().Body["text"]).Should().StartWith("🔕 Silenced v6-price-action-15m · availability");
    }

    [Test]
    public async Task TryHandleAsync_UnauthorisedPress_RefusedAndNothingChanges()
    {
        await using var server = FakeBotApiServer.Start();
        var manager = new RecordingAlertManager();
        await using var host = await HostWithOpenAlertAsync(server, manager);

        (await host.Commands.TryHandleAsync(host.Client, Press("zhm:ack:00000001", StrangerUserId))).Should().BeTrue();
        await host.Commands.TryHandleAsync(host.Client, Press("zhm:sil1h:00000001", StrangerUserId));

        manager.Acknowledged.Should().BeEmpty();
        manager.Silences.Should().BeEmpty();
        server.CallbackAnswers.Should().HaveCount(2).And.OnlyContain(a => ((string?)a.Body["text"])!.StartsWith("⛔", StringComparison.Ordinal));
        host.Logs.Entries.Should().Contain(e => e.EventId.Id == 5030 && e.Message.Contains("from user 8:", StringComparison.Ordinal));
    }

    [Test]
    public async Task TryHandleAsync_PressOnAnAlertNoLongerOpen_SaysSoAndChangesNothing()
    {
        await using var server = FakeBotApiServer.Start();
        var manager = new RecordingAlertManager();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.AllowedUserIds.Add(OperatorUserId), s => s.AddSingleton<IHealthAlertManager>(manager));

        await host.Commands.TryHandleAsync(host.Client, Press("zhm:ack:0000beef", OperatorUserId));

        manager.Acknowledged.Should().BeEmpty();
        ((string?)server.CallbackAnswers.Single().Body["text"]).Should().Be("Alert 0000beef is no longer open.");
    }

    [Test]
    public async Task TryHandleAsync_SomeoneElsesCallbackData_LeftToTheHost()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.AllowedUserIds.Add(OperatorUserId));

        (await host.Commands.TryHandleAsync(host.Client, Press("buy:BTC", OperatorUserId))).Should().BeFalse();

        server.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Polling_ButtonPressUpdate_IsAnswered()
    {
        await using var server = FakeBotApiServer.Start();
        var manager = new RecordingAlertManager();
        await using var host = await HostWithOpenAlertAsync(server, manager, polling: true);
        var polling = host.Services.GetServices<IHostedService>().OfType<TelegramPollingService>().Single();
        server.EnqueueUpdate(JsonNode.Parse("""
            {"update_id": 9, "callback_query": {"id": "query-9", "chat_instance": "1",
             "from": {"id": 7, "is_bot": false, "first_name": "Op", "username": "op"}, "data": "zhm:ack:00000001"}}
            """)!.AsObject());

        await polling.StartAsync(CancellationToken.None);
        var firstPoll = await server.NextRequestAsync("getUpdates");
        var answer = await server.NextRequestAsync("answerCallbackQuery");
        await polling.StopAsync(CancellationToken.None);

        firstPoll.Body["allowed_updates"]!.AsArray().Select(u => (string?)u).Should().Contain("callback_query");
        ((string?)answer.Body["callback_query_id"]).Should().Be("query-9");
        manager.Acknowledged.Should().ContainSingle();
    }

    private static async Task<TelegramTestHost> HostWithOpenAlertAsync(FakeBotApiServer server, RecordingAlertManager manager, bool polling = false)
    {
        var host = new TelegramTestHost(
            server.BaseUrl,
            o =>
            {
                o.AllowedUserIds.Add(OperatorUserId);
                o.EnableLongPolling = polling;
            },
            s => s.AddSingleton<IHealthAlertManager>(manager));
        await host.Outbox.SaveAlertsAsync([Alert()], []);
        return host;
    }

    private static Update Press(string data, long userId) => new()
    {
        Id = 2,
        CallbackQuery = new CallbackQuery
        {
            Id = "query-1",
            ChatInstance = "1",
            From = new User { Id = userId, FirstName = "Op", Username = userId == OperatorUserId ? "op" : "stranger" },
            Data = data,
        },
    };
}
