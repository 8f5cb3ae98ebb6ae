using ZepixHealth.Monitoring.Telegram.Tests.Support;
using static ZepixHealth.Monitoring.Telegram.Tests.Support.TestAlerts;

namespace ZepixHealth.Monitoring.Telegram.Tests;

[TestFixture]
public sealed class TelegramAlertSinkTests
{
    [Test]
    public async Task SendAsync_FiringCritical_PostsHtmlWithSoundAndNoLinkPreview()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);

        await host.Sink.SendAsync(Notification(Alert()), CancellationToken.None);

        var sent = server.SentMessages.Should().ContainSingle().Subject;
        sent.ChatId.Should().Be(TelegramTestHost.ChatId);
        sent.Text.Should().Be(
            "🔴 <b>CRITICAL</b> · <b>v6-price-action-15m</b> · availability\n" +
            "IsAliveAsync returned false.\n" +
            "Firing for 3 min, since 11:57 UTC\n" +
            "Acknowledge: <code>/ack 00000001</code>");
        ((string?)sent.Body["parse_mode"]).Should().BeEquivalentTo("HTML", "the Bot API reads parse_mode ignoring case; Telegram.Bot sends \"Html\"");
        ((bool?)sent.Body["link_preview_options"]?["is_disabled"]).Should().BeTrue();
        ((bool?)sent.Body["disable_notification"] ?? false).Should().BeFalse("a Critical alert makes a sound");
    }

    [TestCase(AlertLevel.Warning)]
    [TestCase(AlertLevel.High)]
    public async Task SendAsync_NonCritical_IsSilent(AlertLevel level)
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);

        await host.Sink.SendAsync(Notification(Alert(level: level)), CancellationToken.None);

        ((bool?)server.SentMessages.Single().Body["disable_notification"]).Should().BeTrue();
    }

    [Test]
    public async Task SendAsync_ResolvedCritical_IsSilent()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        var resolved = Alert() with { State = AlertState.Resolved, ResolvedAt = RaisedAt.AddMinutes(2) };

        await host.Sink.SendAsync(Notification(resolved), CancellationToken.None);

        var sent = server.SentMessages.Single();
        ((bool?)sent.Body["disable_notification"]).Should().BeTrue();
        sent.Text.Should().Be("✅ <b>RESOLVED</b> · <b>v6-price-action-15m</b> · availability\nIsAliveAsync returned false.\nLasted 2 min (Critical, 11:57 to 11:59 UTC).");
    }

    [Test]
    public async Task SendAsync_GroupedNotification_SendsOneMessagePerChat()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.ChatIds.Add(-1001234567890));

        await host.Sink.SendAsync(Notification(Alert(n: 1), Alert("v3-combined", AlertLevel.Warning, n: 2), Alert("v6-price-action-1h", n: 3), Alert("v6-price-action-5m", AlertLevel.High, n: 4)), CancellationToken.None);

        server.SentMessages.Select(m => m.ChatId).Should().BeEquivalentTo([TelegramTestHost.ChatId, -1001234567890]);
        server.SentMessages[0].Text.Should().Be(
            "🚨 <b>4 health alerts</b>\n" +
            "🔴 <b>v6-price-action-15m</b> · availability Critical for 3 min: IsAliveAsync returned false. <code>00000001</code>\n" +
            "🟡 <b>v3-combined</b> · availability Warning for 3 min: IsAliveAsync returned false. <code>00000002</code>\n" +
            "🔴 <b>v6-price-action-1h</b> · availability Critical for 3 min: IsAliveAsync returned false. <code>00000003</code>\n" +
            "🟠 <b>v6-price-action-5m</b> · availability High for 3 min: IsAliveAsync returned false. <code>00000004</code>");
    }

    [Test]
    public async Task SendAsync_TooManyRequests_ThrowsWithRetryTimeAndWaitsForIt()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        server.FailNextSendMessage(429, "Too Many Requests: retry after 7", retryAfter: 7);

        var first = async () => await host.Sink.SendAsync(Notification(Alert()), CancellationToken.None);

        var thrown = (await first.Should().ThrowAsync<TelegramDeliveryException>()).Which;
        thrown.ErrorCode.Should().Be(429);
        thrown.RetryAt.Should().Be(host.Time.GetUtcNow().AddSeconds(7));
        server.SentMessages.Should().HaveCount(1, "the client's own retry is off");

        // Before retry_after has passed, a retry fails at once without calling Telegram.
        host.Time.Advance(TimeSpan.FromSeconds(5));
        await first.Should().ThrowAsync<TelegramDeliveryException>();
        server.SentMessages.Should().HaveCount(1);

        host.Time.Advance(TimeSpan.FromSeconds(2));
        await host.Sink.SendAsync(Notification(Alert()), CancellationToken.None);
        server.SentMessages.Should().HaveCount(2);
    }

    [Test]
    public async Task SendAsync_CantParseEntities_ResendsAsPlainText()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        server.FailNextSendMessage(400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 3");

        await host.Sink.SendAsync(Notification(Alert()), CancellationToken.None);

        server.SentMessages.Should().HaveCount(2);
        var plain = server.SentMessages[1];
        plain.Body.ContainsKey("parse_mode").Should().BeFalse();
        plain.Text.Should().Be(
            "🔴 CRITICAL · v6-price-action-15m · availability\nIsAliveAsync returned false.\nFiring for 3 min, since 11:57 UTC\nAcknowledge: /ack 00000001");
        host.Logs.Entries.Should().Contain(e => e.EventId.Id == 5001);
    }

    [Test]
    public async Task SendAsync_ServerError_ThrowsWithoutToken()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        server.FailNextSendMessage(500, "Internal Server Error");

        var send = async () => await host.Sink.SendAsync(Notification(Alert()), CancellationToken.None);

        var thrown = (await send.Should().ThrowAsync<TelegramDeliveryException>()).Which;
        thrown.ErrorCode.Should().Be(500);
        thrown.ToString().Should().NotContain(FakeBotApiServer.Token).And.NotContain(FakeBotApiServer.Token.Split(':')[1]);
    }

    [Test]
    public async Task SendAsync_ClosedPortThenServerBack_StaysInOutboxThenIsDelivered()
    {
        var port = FakeBotApiServer.FreePort();
        await using var host = new TelegramTestHost(new Uri($"http://127.0.0.1:{port}/"));
        var alert = Alert();
        var now = host.Time.GetUtcNow();
        await host.Outbox.SaveAlertsAsync([alert], [new AlertDelivery
        {
            Id = Guid.NewGuid(),
            NotificationId = Guid.NewGuid(),
            AlertId = alert.Id,
            Sink = "telegram",
            AlertState = AlertState.Firing,
            AlertLevel = alert.Level,
            CreatedAt = now,
            NextAttemptAt = now,
        }]);

        (await host.DispatchDueAsync()).Should().Be(0);
        var pending = (await host.Outbox.GetPendingDeliveriesAsync(now.AddDays(1), 10)).Should().ContainSingle().Subject;
        pending.Attempts.Should().Be(1);
        pending.LastError.Should().Contain("could not be reached").And.NotContain(FakeBotApiServer.Token.Split(':')[1]);

        await using var server = FakeBotApiServer.Start(port);
        host.Time.Advance(TimeSpan.FromSeconds(5));
        (await host.DispatchDueAsync()).Should().Be(1);

        server.SentMessages.Should().ContainSingle().Which.Text.Should().Contain("v6-price-action-15m");
        (await host.Outbox.GetPendingDeliveriesAsync(now.AddDays(1), 10)).Should().BeEmpty();
        host.Logs.Entries.Should().NotContain(e => e.Message.Contains(FakeBotApiServer.Token.Split(':')[1], StringComparison.Ordinal));
    }

    [Test]
    public async Task SendAsync_MarkupInIdsAndMessages_IsEscaped()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        var alert = Alert("<b>evil</b>&co", message: "</code><script>alert(1)</script> & <b>not bold</b>");

        await host.Sink.SendAsync(Notification(alert), CancellationToken.None);

        var text = server.SentMessages.Single().Text;
        text.Should().Contain("<b>&lt;b&gt;evil&lt;/b&gt;&amp;co</b>")
            .And.Contain("&lt;/code&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt;")
            .And.NotContain("<script>");
        TelegramHtml.IsBalanced(text).Should().BeTrue();
    }

    [Test]
    public async Task SendAsync_FiveThousandCharacterMessage_SplitsWithinLimitOnSafeBoundaries()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl, o => o.MinSendInterval = TimeSpan.Zero);
        var message = string.Concat(Enumerable.Repeat("<&>é🟢", 1000));

        await host.Sink.SendAsync(Notification(Alert(message: message)), CancellationToken.None);

        var parts = server.SentMessages.Select(m => m.Text).ToList();
        parts.Should().HaveCountGreaterThan(1);
        parts.Should().OnlyContain(p => TelegramHtml.Visible(p).Length <= 4096 && TelegramHtml.IsBalanced(p));
        string.Concat(parts.Select(TelegramHtml.Visible)).Should().Contain(message);
    }

    [Test]
    public async Task SendAsync_SecondMessageToSameChat_WaitsForPacingOnTheClock()
    {
        await using var server = FakeBotApiServer.Start();
        await using var host = new TelegramTestHost(server.BaseUrl);
        await host.Sink.SendAsync(Notification(Alert(n: 1)), CancellationToken.None);

        var second = host.Sink.SendAsync(new AlertNotification(Guid.NewGuid(), host.Time.GetUtcNow(), [Alert(n: 2)]), CancellationToken.None).AsTask();

        second.IsCompleted.Should().BeFalse("one message per second per chat");
        server.SentMessages.Should().HaveCount(1);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await second;
        server.SentMessages.Should().HaveCount(2);
    }
}
