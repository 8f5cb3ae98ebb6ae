using System.Net.Http.Json;
using System.Text.Json;
using ZepixHealth.Monitoring.Alertmanager.Tests.Support;

namespace ZepixHealth.Monitoring.Alertmanager.Tests;

/// <summary>
/// The sink against the real Alertmanager binary on 127.0.0.1, end to end: a bot host whose plugin
/// dies and recovers, Alertmanager's grouping, silences and clustering, and a webhook that receives
/// what a person would be told. Real time throughout (Alertmanager has no other clock), with generous bounds.
/// </summary>
[NonParallelizable]
public class AlertmanagerSinkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task DeadPlugin_ThatRecovers_ReachesTheWebhookOnceFiringThenResolved()
    {
        using var webhook = new WebhookReceiver();
        await using var alertmanager = await AlertmanagerServer.StartAsync(webhook.Url);
        await using var bot = await MonitoredBotHost.StartAsync("v6-price-action-5m", "bot-1", alertmanager.Url);

        bot.Plugin.Alive = false;
        (await webhook.WaitForAsync(w => w.Alerts.Any(a => a.Status == "firing"), Patience)).Should().BeTrue("the dead plugin's alert reaches the webhook");
        bot.Plugin.Alive = true;
        (await webhook.WaitForAsync(w => w.Alerts.Any(a => a.Status == "resolved"), Patience)).Should().BeTrue("its recovery arrives as resolved");

        webhook.Alerts.Should().Equal(("firing", "v6-price-action-5m"), ("resolved", "v6-price-action-5m"));
        var labels = webhook.Notifications[0].GetProperty("alerts")[0].GetProperty("labels");
        labels.GetProperty("alertname").GetString().Should().Be(HealthRuleIds.Availability);
        labels.GetProperty("severity").GetString().Should().Be("critical");
        labels.GetProperty("instance").GetString().Should().Be("bot-1");
    }

    [Test]
    public async Task SilenceCreatedInAlertmanager_HoldsTheAlertBack()
    {
        using var webhook = new WebhookReceiver();
        await using var alertmanager = await AlertmanagerServer.StartAsync(webhook.Url);
        using var http = new HttpClient();
        var now = DateTimeOffset.UtcNow;
        using var silenced = await http.PostAsJsonAsync(new Uri(alertmanager.Url, "api/v2/silences"), new
        {
            matchers = new[] { new { name = "plugin", value = "v3-combined", isRegex = false, isEqual = true } },
            startsAt = now.AddMinutes(-1),
            endsAt = now.AddHours(1),
            createdBy = "operator",
            comment = "maintenance",
        });
        silenced.EnsureSuccessStatusCode();
        await using var bot = await MonitoredBotHost.StartAsync("v3-combined", "bot-1", alertmanager.Url);

        bot.Plugin.Alive = false;
        var suppressed = await WaitForAlertStateAsync(http, alertmanager.Url, "suppressed");

        suppressed.Should().BeTrue("Alertmanager holds the alert back under the operator's silence");
        webhook.Notifications.Should().BeEmpty("a silenced alert is not sent on");
    }

    [Test]
    public async Task TwoClusteredAlertmanagers_TwoHostsSendingTheSameAlert_TheWebhookGetsItOnce()
    {
        using var webhook = new WebhookReceiver();
        await using var first = await AlertmanagerServer.StartAsync(webhook.Url);
        await using var second = await AlertmanagerServer.StartAsync(webhook.Url, peers: [first.ClusterAddress]);
        await using var botA = await MonitoredBotHost.StartAsync("shared-feed", "bot-ha", first.Url, second.Url);
        await using var botB = await MonitoredBotHost.StartAsync("shared-feed", "bot-ha", first.Url, second.Url);

        botA.Plugin.Alive = false;
        botB.Plugin.Alive = false;
        (await webhook.WaitForAsync(w => w.Alerts.Count > 0, Patience)).Should().BeTrue();

        // A duplicate would come from the second peer once its peer timeout (2 s) passed without
        // hearing that the first one notified: give it three times as long.
        (await webhook.WaitForAsync(w => w.Alerts.Count > 1, TimeSpan.FromSeconds(6))).Should().BeFalse("the cluster deduplicates");
        webhook.Alerts.Should().Equal(("firing", "shared-feed"));
    }

    [Test]
    public async Task AlertmanagerDownForAMinute_WhenThePluginDies_TheAlertArrivesOnceItIsBack()
    {
        using var webhook = new WebhookReceiver();
        var port = FreePort.Next();
        await using var bot = await MonitoredBotHost.StartAsync("v6-price-action-1h", "bot-1", new Uri($"http://127.0.0.1:{port}/"));

        // A minute of outage: the dispatcher retries from the outbox every second or two meanwhile.
        bot.Plugin.Alive = false;
        (await webhook.WaitForAsync(w => w.Alerts.Count > 0, TimeSpan.FromMinutes(1))).Should().BeFalse("nothing listens yet");
        await using var alertmanager = await AlertmanagerServer.StartAsync(webhook.Url, port);

        (await webhook.WaitForAsync(w => w.Alerts.Count > 0, Patience)).Should().BeTrue("the outbox retries until Alertmanager is back");
        webhook.Alerts.Should().Equal(("firing", "v6-price-action-1h"));
    }

    private static async Task<bool> WaitForAlertStateAsync(HttpClient http, Uri alertmanager, string state)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var alerts = await http.GetFromJsonAsync<JsonElement>(new Uri(alertmanager, "api/v2/alerts"));
            if (alerts.EnumerateArray().Any(a => a.GetProperty("status").GetProperty("state").GetString() == state))
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
