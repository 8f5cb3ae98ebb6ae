using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telegram.Bot.Types;
using ZepixHealth.Monitoring.Telegram.Tests.Support;
using static ZepixHealth.Monitoring.Telegram.Tests.Support.TestAlerts;
using static ZepixHealth.Monitoring.Telegram.Tests.TelegramHealthCommandsTests;

namespace ZepixHealth.Monitoring.Telegram.Tests;

/// <summary>/start and /help, the command menu, replies to the command's message, forum topics.</summary>
[TestFixture]
public sealed class TelegramBotConventionsTests
{
    private static readonly string[] MenuCommands = ["health", "alerts", "ack", "silence", "help"];

    [TestCase("/start")]
    [TestCase("/help")]
    [TestCase("/help@ZepixHealthBot")]
    public async Task TryHandleAsync_StartOrHelp_RepliesWithTheCommandList(string text)
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);

        (await host.Commands.TryHandleAsync(host.Client, Command(text))).Should().BeTrue();

        var reply = server.SentMessages.Should().ContainSingle().Subject;
        reply.Text.Should().StartWith("🏥 <b>Plugin health commands</b>\n")
            .And.Contain("<code>/ack &lt;alert-id&gt;</code>")
            .And.Contain("<code>/silence &lt;plugin-id|alert-id|all&gt; &lt;duration&gt; [reason]</code>");
        MenuCommands.Should().OnlyContain(c => reply.Text.Contains($"<code>/{c}", StringComparison.Ordinal));
        TelegramHtml.IsBalanced(reply.Text).Should().BeTrue();
        reply.ReplyToMessageId.Should().Be(10);
    }

    [Test]
    public async Task TryHandleAsync_HelpFromStranger_NotAnswered()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);

        (await host.Commands.TryHandleAsync(host.Client, Command("/help", chatId: 999, userId: 998))).Should().BeTrue();

        server.SentMessages.Should().BeEmpty();
    }

    [Test]
    public async Task TryHandleAsync_SplitAnswer_FirstPartRepliesToTheCommand()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.MinSendInterval = TimeSpan.Zero);
        await host.Store.AppendSnapshotsAsync([.. Enumerable.Range(0, 60).Select(i => Snapshot($"plugin-{i:00}-{new string('x', 60)}", PluginHealthStatus.Stale))]);

        await host.Commands.TryHandleAsync(host.Client, Command("/health"));

        var parts = server.SentMessages;
        parts.Should().HaveCountGreaterThan(1);
        parts[0].ReplyToMessageId.Should().Be(10);
        ((bool?)parts[0].Body["reply_parameters"]!["allow_sending_without_reply"]).Should().BeTrue("a deleted command must not cost the answer");
        parts.Skip(1).Should().OnlyContain(p => p.ReplyToMessageId == null);
    }

    [Test]
    public async Task TryHandleAsync_CommandInAForumTopic_AnsweredInThatTopic()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.MessageThreadIds[TelegramTestHost.ChatId] = 5);
        var update = Command("/alerts");
        update.Message!.MessageThreadId = 77;
        update.Message.IsTopicMessage = true;

        await host.Commands.TryHandleAsync(host.Client, update);

        var reply = server.SentMessages.Single();
        (reply.MessageThreadId, reply.ReplyToMessageId).Should().Be((77, 10));
    }

    [Test]
    public async Task TryHandleAsync_CommandOutsideATopic_NoThreadId()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        var update = Command("/alerts");
        update.Message!.MessageThreadId = 3;

        await host.Commands.TryHandleAsync(host.Client, update);

        server.SentMessages.Single().MessageThreadId.Should().BeNull("outside a forum a thread id names a reply thread, which sendMessage refuses");
    }

    [Test]
    public async Task SendAsync_ChatWithATopic_AlertGoesToThatTopicOnly()
    {
        const long OtherChat = -1001234567890;
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o =>
        {
            o.ChatIds.Add(OtherChat);
            o.MessageThreadIds[OtherChat] = 12;
        });

        await host.Sink.SendAsync(Notification(Alert()), CancellationToken.None);

        server.SentMessages.Select(m => (m.ChatId, m.MessageThreadId)).Should().BeEquivalentTo([(TelegramTestHost.ChatId, (int?)null), (OtherChat, (int?)12)]);
    }

    [Test]
    public async Task CommandRegistration_AtStart_RegistersTheMenuOnce()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        var registration = Registration(host);

        await registration.StartAsync(CancellationToken.None);
        await registration.ExecuteTask!;

        var request = server.CommandRegistrations.Should().ContainSingle().Subject;
        request.Body["commands"]!.AsArray().Select(c => (string?)c!["command"]).Should().Equal(MenuCommands);
        request.Body["commands"]!.AsArray().Should().OnlyContain(c => ((string?)c!["description"])!.Length > 0 && ((string?)c["description"])!.Length <= 256);
        host.Logs.Entries.Should().Contain(e => e.EventId.Id == 5040);
    }

    [Test]
    public async Task CommandRegistration_TelegramRefuses_LoggedAndNotFatal()
    {
        await using var server = FakeBotApiServer.Start();
        server.FailNextSetMyCommands(400, "Bad Request: BOT_COMMAND_INVALID");
        await using var host = new TelegramTestHost(server.BaseUrl);
        var registration = Registration(host);

        await registration.StartAsync(CancellationToken.None);
        var run = async () => await registration.ExecuteTask!;

        await run.Should().NotThrowAsync();
        server.CommandRegistrations.Should().ContainSingle();
        host.Logs.Entries.Should().Contain(e => e.EventId.Id == 5041 && e.Message.Contains("BOT_COMMAND_INVALID", StringComparison.Ordinal)
            && !e.Message.Contains(FakeBotApiServer.Token, StringComparison.Ordinal));
    }

    [Test]
    public async Task CommandRegistration_Disabled_NeverCallsTelegram()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.RegisterCommands = false);
        var registration = Registration(host);

        await registration.StartAsync(CancellationToken.None);
        await registration.ExecuteTask!;

        server.Requests.Should().BeEmpty();
    }

    private static TelegramCommandRegistrationService Registration(TelegramTestHost host) =>
        host.Services.GetServices<IHostedService>().OfType<TelegramCommandRegistrationService>().Single();
}
