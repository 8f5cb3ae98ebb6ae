using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZepixHealth.Monitoring.Telegram.Tests.Support;

namespace ZepixHealth.Monitoring.Telegram.Tests;

[TestFixture]
public sealed class TelegramPollingServiceTests
{
    [Test]
    public async Task ExecuteAsync_HealthUpdateFromAllowedChat_Answers()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.EnableLongPolling = true);
        var polling = host.Services.GetServices<IHostedService>().OfType<TelegramPollingService>().Single();
        server.EnqueueUpdate(JsonNode.Parse("""
            {"update_id": 5, "message": {"message_id": 1, "date": 1748779200,
             "chat": {"id": 42, "type": "private"}, "from": {"id": 7, "is_bot": false, "first_name": "Op"},
             "text": "/alerts", "entities": [{"type": "bot_command", "offset": 0, "length": 7}]}}
            """)!.AsObject());

        await polling.StartAsync(CancellationToken.None);
        var reply = await server.NextRequestAsync("sendMessage");
        var nextPoll = await server.NextRequestAsync("getUpdates");
        await polling.StopAsync(CancellationToken.None);

        reply.Text.Should().Be("✅ No open alerts.");
        ((int?)nextPoll.Body["offset"]).Should().Be(6, "the handled update is confirmed");
        ((int?)nextPoll.Body["timeout"]).Should().Be(30);
    }

    [Test]
    public async Task ExecuteAsync_PollingDisabled_NeverCallsTelegram()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        var polling = host.Services.GetServices<IHostedService>().OfType<TelegramPollingService>().Single();

        await polling.StartAsync(CancellationToken.None);
        await polling.ExecuteTask!;

        server.Requests.Should().BeEmpty();
    }

    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(4, 8)]
    [TestCase(7, 60)]
    [TestCase(1000, 60)]
    public void BackOff_FailuresInARow_DoublesFromOneSecondUpToAMinute(int failures, int expectedSeconds)
    {
        TelegramPollingService.BackOff(failures).Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }
}
