using Microsoft.Extensions.DependencyInjection;
using ZepixHealth.Monitoring.Telegram.Tests.Support;
using static ZepixHealth.Monitoring.Telegram.Tests.Support.TestAlerts;
using static ZepixHealth.Monitoring.Telegram.Tests.TelegramHealthCommandsTests;

namespace ZepixHealth.Monitoring.Telegram.Tests;

/// <summary>429s and chats that refuse the bot, for alerts and for replies to commands.</summary>
[TestFixture]
public sealed class TelegramDeliveryErrorTests
{
    private const long BlockedChat = -1009999;

    [Test]
    public async Task SendAsync_OneChatBlockedTheBot_DeliversToTheOthersAndLogsOneErrorNamingTheChat()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => { o.ChatIds.Add(BlockedChat); o.MinSendInterval = TimeSpan.Zero; });
        server.RefuseChat(BlockedChat, 403, "Forbidden: bot was blocked by the user");

        await host.Sink.SendAsync(Notification(Alert(n: 1)), CancellationToken.None);
        await host.Sink.SendAsync(Notification(Alert(n: 2)), CancellationToken.None);

        server.SentMessages.Count(m => m.ChatId == TelegramTestHost.ChatId).Should().Be(2, "the working chat gets every alert");
        server.SentMessages.Count(m => m.ChatId == BlockedChat).Should().Be(2, "each alert is tried once, not retried");
        host.Logs.Entries.Where(e => e.EventId.Id == 5003).Should().ContainSingle()
            .Which.Message.Should().Contain(BlockedChat.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("blocked");
    }

    [Test]
    public async Task SendAsync_ChatNotFound_IsNotRetriedButABadRequestAboutTheTextIs()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        server.RefuseChat(TelegramTestHost.ChatId, 400, "Bad Request: chat not found");

        var notFound = async () => await host.Sink.SendAsync(Notification(Alert()), CancellationToken.None);
        await notFound.Should().NotThrowAsync("the dispatcher would retry it five times for nothing");

        await using var other = FakeBotApiServer.Start();
        await using var otherHost = new TelegramTestHost(other.BaseUrl);
        other.FailNextSendMessage(400, "Bad Request: message is too long");
        var tooLong = async () => await otherHost.Sink.SendAsync(Notification(Alert()), CancellationToken.None);
        await tooLong.Should().ThrowAsync<TelegramDeliveryException>();
    }

    [Test]
    public async Task TryHandleAsync_ReplyMeets429_IsSentAfterRetryAfter()
    {
        await using var server = FakeBotApiServer.Start();
        var time = new TimerSignallingTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.MinSendInterval = TimeSpan.Zero, s => s.AddSingleton<TimeProvider>(time));
        server.FailNextSendMessage(429, "Too Many Requests: retry after 3", retryAfter: 3);

        var handling = host.Commands.TryHandleAsync(host.Client, Command("/alerts"));
        await time.WaitForTimerAsync();
        handling.IsCompleted.Should().BeFalse("the reply waits for retry_after");
        time.Advance(TimeSpan.FromSeconds(3));
        await handling.WaitAsync(TimeSpan.FromSeconds(20));

        server.SentMessages.Select(m => m.Text).Should().Equal("✅ No open alerts.", "✅ No open alerts.");
        host.Logs.Entries.Should().Contain(e => e.EventId.Id == 5015);
    }

    [Test]
    public async Task TryHandleAsync_ReplyToBlockedChat_LogsAnErrorNamingTheChat()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        server.RefuseChat(TelegramTestHost.ChatId, 403, "Forbidden: bot was kicked from the group chat");

        (await host.Commands.TryHandleAsync(host.Client, Command("/alerts"))).Should().BeTrue();

        server.SentMessages.Should().ContainSingle();
        host.Logs.Entries.Should().ContainSingle(e => e.EventId.Id == 5016)
            .Which.Message.Should().Contain(TelegramTestHost.ChatId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
