using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Alerts;

[TestFixture]
public sealed class AlertSilencesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    private static AlertSilence Silence(string? pluginId = null, string? ruleId = null, DateTimeOffset? from = null, TimeSpan? length = null) => new()
    {
        Id = Guid.NewGuid(),
        PluginId = pluginId,
        RuleId = ruleId,
        CreatedAt = from ?? T0,
        Until = (from ?? T0) + (length ?? TimeSpan.FromHours(1)),
        Reason = "maintenance",
        CreatedBy = "ops",
    };

    private static HealthAlert Alert(string pluginId = "v3-combined", string ruleId = HealthRuleIds.Cpu) => new()
    {
        Id = Guid.NewGuid(),
        PluginId = pluginId,
        RuleId = ruleId,
        Level = AlertLevel.Warning,
        Message = "m",
        RaisedAt = T0,
    };

    [Test]
    public void Covering_NoSilences_IsNull()
    {
        new AlertSilences().Covering(Alert(), T0).Should().BeNull();
    }

    [Test]
    public void Covering_SilenceOfThePluginAndRule_ReturnsIt()
    {
        var silences = new AlertSilences();
        var silence = Silence("v3-combined", HealthRuleIds.Cpu);
        silences.Add(silence);

        silences.Covering(Alert(), T0 + TimeSpan.FromMinutes(10)).Should().BeSameAs(silence);
    }

    [Test]
    public void Covering_PluginIdInAnotherCase_StillCovers()
    {
        var silences = new AlertSilences();
        silences.Add(Silence("V3-Combined"));

        silences.Covering(Alert("v3-combined"), T0).Should().NotBeNull();
    }

    [Test]
    public void Covering_SilenceOfAnotherPluginOrRule_IsNull()
    {
        var silences = new AlertSilences();
        silences.Add(Silence("v6-price-action-1m"));
        silences.Add(Silence(ruleId: HealthRuleIds.Memory));

        silences.Covering(Alert("v3-combined", HealthRuleIds.Cpu), T0).Should().BeNull();
    }

    [Test]
    public void Covering_SilenceWithoutPluginOrRule_CoversEverything()
    {
        var silences = new AlertSilences();
        silences.Add(Silence());

        silences.Covering(Alert("any", HealthRuleIds.Availability), T0).Should().NotBeNull();
        silences.Covering(Alert("other", "anomaly.cpu"), T0).Should().NotBeNull();
    }

    [Test]
    public void Covering_BeforeTheSilenceStarts_IsNull()
    {
        var silences = new AlertSilences();
        silences.Add(Silence(from: T0 + TimeSpan.FromHours(2)));

        silences.Covering(Alert(), T0 + TimeSpan.FromHours(1)).Should().BeNull();
    }

    [Test]
    public void Covering_AtTheEndOfTheSilence_IsNull()
    {
        var silences = new AlertSilences();
        silences.Add(Silence(length: TimeSpan.FromHours(1)));

        silences.Covering(Alert(), T0 + TimeSpan.FromHours(1) - TimeSpan.FromTicks(1)).Should().NotBeNull();
        silences.Covering(Alert(), T0 + TimeSpan.FromHours(1)).Should().BeNull("Until is exclusive");
    }

    [Test]
    public void Remove_KnownSilence_NoLongerCovers()
    {
        var silences = new AlertSilences();
        var silence = Silence();
        silences.Add(silence);

        silences.Remove(silence.Id);

        silences.Covering(Alert(), T0).Should().BeNull();
        silences.FindActive(silence.Id, T0).Should().BeNull();
    }

    [Test]
    public void Remove_UnknownId_LeavesTheOthers()
    {
        var silences = new AlertSilences();
        var silence = Silence();
        silences.Add(silence);

        silences.Remove(Guid.NewGuid());

        silences.Active(T0).Should().ContainSingle().Which.Should().BeSameAs(silence);
    }

    [Test]
    public void FindActive_SilenceHasEnded_IsNull()
    {
        var silences = new AlertSilences();
        var silence = Silence(length: TimeSpan.FromMinutes(30));
        silences.Add(silence);

        silences.FindActive(silence.Id, T0 + TimeSpan.FromMinutes(29)).Should().BeSameAs(silence);
        silences.FindActive(silence.Id, T0 + TimeSpan.FromMinutes(30)).Should().BeNull();
    }

    [Test]
    public void Active_MixOfEndedCurrentAndFutureSilences_ReturnsTheCurrentOnesSoonestEndingFirst()
    {
        var silences = new AlertSilences();
        var ended = Silence(from: T0 - TimeSpan.FromHours(2), length: TimeSpan.FromHours(1));
        var long1 = Silence(from: T0 - TimeSpan.FromMinutes(5), length: TimeSpan.FromHours(3));
        var short1 = Silence(from: T0 - TimeSpan.FromMinutes(5), length: TimeSpan.FromMinutes(20));
        var future = Silence(from: T0 + TimeSpan.FromHours(1));
        silences.Add(ended);
        silences.Add(long1);
        silences.Add(short1);
        silences.Add(future);

        silences.Active(T0).Should().Equal(short1, long1);
    }

    [Test]
    public void AddLoaded_SilencesAlreadyKnown_AreNotAddedTwice()
    {
        var silences = new AlertSilences();
        var known = Silence();
        var loaded = Silence(pluginId: "v3-combined");
        silences.Add(known);

        silences.AddLoaded([known with { Reason = "from the store" }, loaded]);

        silences.Active(T0).Should().HaveCount(2);
        silences.Active(T0).Should().Contain(known).And.Contain(loaded);
    }
}
