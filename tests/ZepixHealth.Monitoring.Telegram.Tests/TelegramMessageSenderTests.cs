using Microsoft.Extensions.DependencyInjection;
using ZepixHealth.Monitoring.Telegram.Tests.Support;

namespace ZepixHealth.Monitoring.Telegram.Tests;

[TestFixture]
public sealed class TelegramMessageSenderTests
{
    private const long OtherChatId = 43;

    [Test]
    public async Task SendAsync_SecondMessageToTheSameChat_WaitsForMinSendInterval()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.MinSendInterval = TimeSpan.FromSeconds(1));
        var sender = host.Services.GetRequiredService<TelegramMessageSender>();
        await sender.SendAsync(host.Client, TelegramTestHost.ChatId, "one", silent: false, extras: null, CancellationToken.None);

        var second = sender.SendAsync(host.Client, TelegramTestHost.ChatId, "two", silent: false, extras: null, CancellationToken.None);

        second.IsCompleted.Should().BeFalse("the chat's pace allows the next message a second later");
        server.SentMessages.Should().ContainSingle();
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await second;
        server.SentMessages.Select(m => m.Text).Should().Equal("one", "two");
    }

    [Test]
    public async Task SendAsync_OneChatRateLimited_OtherChatStillSends()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        var sender = host.Services.GetRequiredService<TelegramMessageSender>();
        server.FailNextSendMessage(429, "Too Many Requests: retry after 30", retryAfter: 30);
        var limited = async () => await sender.SendAsync(host.Client, TelegramTestHost.ChatId, "one", silent: false, extras: null, CancellationToken.None);
        await limited.Should().ThrowAsync<TelegramDeliveryException>();

        await sender.SendAsync(host.Client, OtherChatId, "other", silent: true, extras: null, CancellationToken.None);

        var sent = server.SentMessages[^1];
        sent.ChatId.Should().Be(OtherChatId);
        ((bool?)sent.Body["disable_notification"]).Should().BeTrue();
    }

    [Test]
    public async Task SendAsync_RateLimited_LogsTheRetryTimeOnce()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        var sender = host.Services.GetRequiredService<TelegramMessageSender>();
        server.FailNextSendMessage(429, "Too Many Requests: retry after 3", retryAfter: 3);

        var send = async () => await sender.SendAsync(host.Client, TelegramTestHost.ChatId, "one", silent: false, extras: null, CancellationToken.None);

        var thrown = (await send.Should().ThrowAsync<TelegramDeliveryException>()).Which;
        thrown.ChatId.Should().Be(TelegramTestHost.ChatId);
        thrown.RetryAt.Should().Be(host.Time.GetUtcNow().AddSeconds(3));
        await send.Should().ThrowAsync<TelegramDeliveryException>().WithMessage("*not sending until*");
        host.Logs.Entries.Where(e => e.EventId.Id == 5002).Should().ContainSingle("the second refusal is the block, not a new 429");
    }
}
