using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts;

/// <summary>The short ids operators type in /ack: unique among open alerts, even for alerts raised together.</summary>
[TestFixture]
public sealed class AlertShortIdTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public void Apply_FiftyAlertsInOneCycle_EachGetsADistinctShortIdFromTheRandomPartOfItsId()
    {
        using var logs = new CollectingLoggerProvider();
        var lifecycle = new AlertLifecycle(new PluginHealthOptions(), logs.CreateLogger("alerts"));
        var outcomes = Enumerable.Range(0, 50)
            .Select(i => new RuleOutcome($"p{i}", HealthRuleIds.Availability, HealthRuleResult.Breached(AlertLevel.Critical, "dead")))
            .ToArray();

        var fired = lifecycle.Apply(outcomes, T0, [])!.Select(c => c.Alert).ToList();

        fired.Should().HaveCount(50);
        fired.Select(a => a.ShortId).Should().OnlyHaveUniqueItems();
        fired.Should().OnlyContain(a => a.ShortId.Length >= AlertShortIds.MinLength && a.Id.ToString("N").EndsWith(a.ShortId, StringComparison.Ordinal));

        // The ids of a version-7 GUID raised in the same millisecond share their first 8 digits: the old short id.
        fired.Select(a => a.Id.ToString("N")[..8]).Distinct().Should().ContainSingle();
    }

    [Test]
    public void Choose_TailTakenByAnOpenAlert_TakesALongerTail()
    {
        var id = Guid.Parse("0190f5a2-0000-7000-8000-00000000beef");

        AlertShortIds.Choose(id, _ => false).Should().Be("beef");
        AlertShortIds.Choose(id, s => s == "beef").Should().Be("0beef");
        AlertShortIds.Choose(id, _ => true).Should().Be(id.ToString("N"));
    }

    [Test]
    public void Apply_AfterResume_NewAlertAvoidsTheShortIdOfTheResumedAlert()
    {
        using var logs = new CollectingLoggerProvider();
        var lifecycle = new AlertLifecycle(new PluginHealthOptions(), logs.CreateLogger("alerts"));
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // Resumed alerts hold every 4-digit tail a new alert could get: it must take 5 digits or more.
        for (var round = 0; round < 20; round++)
        {
            var fired = lifecycle.Apply(
                [new RuleOutcome($"q{round}", HealthRuleIds.Availability, HealthRuleResult.Breached(AlertLevel.Critical, "dead"))], T0, [])!.Single(c => c.Alert.PluginId == $"q{round}").Alert;
            seen.Add(fired.ShortId).Should().BeTrue("short id {0} is already taken by an open alert", fired.ShortId);
            lifecycle.Resume([Resumed($"r{round}", fired.Id.ToString("N")[^4..])]);
            var next = lifecycle.Apply(
                [new RuleOutcome($"s{round}", HealthRuleIds.Availability, HealthRuleResult.Breached(AlertLevel.Critical, "dead"))], T0, [])!.Single(c => c.Alert.PluginId == $"s{round}").Alert;
            seen.Add(next.ShortId).Should().BeTrue();
        }
    }

    [Test]
    public void DefaultShortId_NoShortIdSet_IsTheLastEightHexDigits()
    {
        var alert = new HealthAlert
        {
            Id = Guid.Parse("0190f5a2-1111-7222-8333-444455556666"),
            PluginId = "p",
            RuleId = "cpu",
            Level = AlertLevel.Warning,
            Message = "m",
            RaisedAt = T0,
        };

        alert.ShortId.Should().Be("55556666");
        (alert with { ShortId = "abcd" }).ShortId.Should().Be("abcd");
    }

    private static HealthAlert Resumed(string pluginId, string shortId) => new()
    {
        Id = Guid.CreateVersion7(T0),
        ShortId = shortId,
        PluginId = pluginId,
        RuleId = HealthRuleIds.Availability,
        Level = AlertLevel.Critical,
        Message = "dead",
        RaisedAt = T0,
    };
}
