using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.DependencyInjection;

[TestFixture]
public sealed class PluginHealthOptionsValidatorTests
{
    private static readonly PluginHealthOptionsValidator Validator = new(new PluginRegistry([new ScriptedPlugin("v3-combined")]), [new AvailabilityRule(), new LatencyP95Rule()]);

    [Test]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new PluginHealthOptions();

        options.CollectionInterval.Should().Be(TimeSpan.FromSeconds(30));
        options.CheckTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.StaleAfter.Should().Be(TimeSpan.FromSeconds(300));
        options.SelfTestInterval.Should().Be(TimeSpan.FromMinutes(5));
        options.SelfTestTimeout.Should().Be(TimeSpan.FromSeconds(30));
        options.AlertCooldown.Should().Be(TimeSpan.FromMinutes(5));
        options.MaxConcurrentChecks.Should().Be(32);
        options.Thresholds.MaxExecutionTimeMs.Should().Be(5000);
        options.Thresholds.MaxErrorRatePct.Should().Be(5);
        options.Thresholds.MaxMemoryUsageMb.Should().Be(500);
        options.Thresholds.MaxCpuUsagePct.Should().Be(80);
        options.Plugins.Should().BeEmpty();
        options.AllowUnknownPluginOverrides.Should().BeFalse();
        options.GroupThreshold.Should().Be(3);
        options.SinkTimeout.Should().Be(TimeSpan.FromSeconds(10));
        options.ObserverTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.RuleTimeout.Should().Be(TimeSpan.FromSeconds(3));
        options.AlertStoreTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.DeliveryMaxAttempts.Should().Be(8);
        options.DeliveryRetryDelay.Should().Be(TimeSpan.FromSeconds(5));
        options.DeliveryMaxRetryDelay.Should().Be(TimeSpan.FromMinutes(5));
        options.Rules.Should().BeEmpty();
    }

    [Test]
    public void Validate_Defaults_Succeeds()
    {
        Validator.Validate(null, new PluginHealthOptions()).Succeeded.Should().BeTrue();
    }

    [Test]
    public void Validate_NegativeCollectionInterval_FailsNamingKeyAndValue()
    {
        var result = Validator.Validate(null, new PluginHealthOptions { CollectionInterval = TimeSpan.FromSeconds(-5) });

        result.Failures.Should().ContainSingle().Which.Should()
            .Be("PluginHealth:CollectionInterval must be greater than 00:00:00 and at most 1.00:00:00; was '-00:00:05'.");
    }

    [Test]
    public void Validate_ZeroCheckTimeout_Fails()
    {
        var result = Validator.Validate(null, new PluginHealthOptions { CheckTimeout = TimeSpan.Zero });

        result.Failures.Should().ContainSingle().Which.Should().StartWith("PluginHealth:CheckTimeout must be greater than 00:00:00");
    }

    [Test]
    public void Validate_EnormousStaleAfter_Fails()
    {
        var result = Validator.Validate(null, new PluginHealthOptions { StaleAfter = TimeSpan.MaxValue });

        result.Failures.Should().ContainSingle().Which.Should().Contain("PluginHealth:StaleAfter").And.Contain("10675199.02:48:05.4775807");
    }

    [Test]
    public void Validate_CheckTimeoutLongerThanInterval_Fails()
    {
        var result = Validator.Validate(null, new PluginHealthOptions { CollectionInterval = TimeSpan.FromSeconds(2), CheckTimeout = TimeSpan.FromSeconds(5) });

        result.Failures.Should().ContainSingle().Which.Should()
            .Be("PluginHealth:CheckTimeout ('00:00:05') must not be longer than PluginHealth:CollectionInterval ('00:00:02'): a cycle would outlast its interval.");
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(100_000)]
    public void Validate_MaxConcurrentChecksOutOfRange_Fails(int value)
    {
        var result = Validator.Validate(null, new PluginHealthOptions { MaxConcurrentChecks = value });

        result.Failures.Should().ContainSingle().Which.Should().Be($"PluginHealth:MaxConcurrentChecks must be between 1 and 4096; was '{value}'.");
    }

    [Test]
    public void Validate_BadThresholds_FailsForEach()
    {
        var options = new PluginHealthOptions();
        options.Thresholds.MaxErrorRatePct = 150;
        options.Thresholds.MaxExecutionTimeMs = double.NaN;
        options.Thresholds.MaxMemoryUsageMb = -1;

        var result = Validator.Validate(null, options);

        result.Failures.Should().BeEquivalentTo(
            "PluginHealth:Thresholds:MaxExecutionTimeMs must be greater than 0 and at most 3600000; was 'NaN'.",
            "PluginHealth:Thresholds:MaxErrorRatePct must be greater than 0 and at most 100; was '150'.",
            "PluginHealth:Thresholds:MaxMemoryUsageMb must be greater than 0 and at most 16777216; was '-1'.");
    }

    [Test]
    public void Validate_OverrideForUnknownPlugin_FailsListingTheRegisteredOnes()
    {
        var options = new PluginHealthOptions();
        options.Plugins["v3-combnied"] = new PluginMonitoringOptions();

        var result = Validator.Validate(null, options);

        result.Failures.Should().ContainSingle().Which.Should().StartWith(
            "PluginHealth:Plugins:v3-combnied names plugin 'v3-combnied', which is not registered (registered: v3-combined).");
    }

    [Test]
    public void Validate_OverrideForUnknownPluginAllowed_Succeeds()
    {
        var options = new PluginHealthOptions { AllowUnknownPluginOverrides = true };
        options.Plugins["loaded-later"] = new PluginMonitoringOptions();

        Validator.Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Test]
    public void Validate_OverrideForKnownPluginIgnoringCase_ChecksItsThresholds()
    {
        var options = new PluginHealthOptions();
        options.Plugins["V3-COMBINED"] = new PluginMonitoringOptions();
        options.Plugins["V3-COMBINED"].Thresholds.MaxMemoryUsageMb = 800;
        options.Plugins["V3-COMBINED"].Thresholds.MaxCpuUsagePct = 0;

        var result = Validator.Validate(null, options);

        result.Failures.Should().ContainSingle().Which.Should()
            .Be("PluginHealth:Plugins:V3-COMBINED:Thresholds:MaxCpuUsagePct must be a finite number greater than 0; was '0'.");
    }

    [Test]
    public void Validate_RuleOptionsForAnUnknownRule_FailsListingTheRules()
    {
        var options = new PluginHealthOptions();
        options.Rules["latency.p59"] = new AlertRuleOptions { ForCycles = 2 };

        var result = Validator.Validate(null, options);

        result.Failures.Should().ContainSingle().Which.Should()
            .Be("PluginHealth:Rules:latency.p59 names rule 'latency.p59', which does not exist (rules: availability, latency.p95, anomaly.<metric>).");
    }

    [Test]
    public void Validate_AnomalyRuleOptions_AreAccepted()
    {
        var options = new PluginHealthOptions();
        options.Rules["anomaly.p95_latency"] = new AlertRuleOptions { Enabled = false };

        Validator.Validate(null, options).Succeeded.Should().BeTrue();
    }

    [TestCase(0)]
    [TestCase(10_001)]
    public void Validate_CyclesOutOfRange_Fail(int cycles)
    {
        var options = new PluginHealthOptions();
        options.Rules["availability"] = new AlertRuleOptions { ForCycles = cycles, ClearCycles = cycles };

        var result = Validator.Validate(null, options);

        result.Failures.Should().BeEquivalentTo(
            $"PluginHealth:Rules:availability:ForCycles must be between 1 and 10000; was '{cycles}'.",
            $"PluginHealth:Rules:availability:ClearCycles must be between 1 and 10000; was '{cycles}'.");
    }

    [Test]
    public void Validate_BadAlertingOptions_FailForEach()
    {
        var options = new PluginHealthOptions
        {
            GroupThreshold = 0,
            DeliveryMaxAttempts = 0,
            SinkTimeout = TimeSpan.Zero,
            DeliveryRetryDelay = TimeSpan.FromMinutes(10),
            AlertCooldown = TimeSpan.FromSeconds(-1),
        };

        var result = Validator.Validate(null, options);

        result.Failures.Should().HaveCount(5);
        result.Failures.Should().Contain("PluginHealth:GroupThreshold must be between 1 and 1000; was '0'.");
        result.Failures.Should().Contain("PluginHealth:DeliveryMaxAttempts must be between 1 and 100; was '0'.");
        result.Failures.Should().Contain(f => f.StartsWith("PluginHealth:SinkTimeout must be greater than 00:00:00", StringComparison.Ordinal));
        result.Failures.Should().Contain("PluginHealth:DeliveryRetryDelay must be greater than 00:00:00 and at most 00:05:00; was '00:10:00'.");
        result.Failures.Should().Contain(f => f.StartsWith("PluginHealth:AlertCooldown must be between", StringComparison.Ordinal));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(601)]
    public void Validate_StageTimeoutOutOfRange_FailsNamingKeyAndValue(int seconds)
    {
        var value = TimeSpan.FromSeconds(seconds);
        var options = new PluginHealthOptions { ObserverTimeout = value, AlertStoreTimeout = value, RuleTimeout = value };

        var result = Validator.Validate(null, options);

        result.Failures.Should().HaveCount(3);
        result.Failures.Should().Contain(f => f.StartsWith("PluginHealth:RuleTimeout must be greater than 00:00:00", StringComparison.Ordinal) && f.Contains($"'{value:c}'", StringComparison.Ordinal));
        result.Failures.Should().Contain(f => f.StartsWith("PluginHealth:ObserverTimeout must be greater than 00:00:00", StringComparison.Ordinal) && f.Contains($"'{value:c}'", StringComparison.Ordinal));
        result.Failures.Should().Contain(f => f.StartsWith("PluginHealth:AlertStoreTimeout must be greater than 00:00:00", StringComparison.Ordinal) && f.Contains($"'{value:c}'", StringComparison.Ordinal));
    }

    [Test]
    public void Validate_DisabledRuleThatDoesNotExist_Fails()
    {
        var options = new PluginHealthOptions();
        options.Plugins["v3-combined"] = new PluginMonitoringOptions();
        options.Plugins["v3-combined"].DisabledRules.Add("cpuu");

        var result = Validator.Validate(null, options);

        result.Failures.Should().ContainSingle().Which.Should().Be("PluginHealth:Plugins:v3-combined:DisabledRules names rule 'cpuu', which does not exist.");
    }

    [Test]
    public void Validate_HostMemoryLimitNotPositive_FailsNamingKeyAndValue()
    {
        var options = new PluginHealthOptions();
        options.Host.MemoryLimitMb = -512;

        var result = Validator.Validate(null, options);

        result.Failures.Should().ContainSingle().Which.Should().Be("PluginHealth:Host:MemoryLimitMb must be greater than 0 and at most 16777216; was '-512'.");
    }

    [Test]
    public void Validate_HostThresholdOverridesOutOfRange_FailsNamingKeyAndValue()
    {
        var options = new PluginHealthOptions();
        options.Host.Thresholds.MaxCpuUsagePct = double.NaN;
        options.Host.Thresholds.MaxErrorRatePct = 150;

        var result = Validator.Validate(null, options);

        result.Failures.Should().BeEquivalentTo(
            "PluginHealth:Host:Thresholds:MaxErrorRatePct must be greater than 0 and at most 100; was '150'.",
            "PluginHealth:Host:Thresholds:MaxCpuUsagePct must be a finite number greater than 0; was 'NaN'.");
    }

    [Test]
    public void Validate_HostSettingsInRange_Succeed()
    {
        var options = new PluginHealthOptions();
        options.Host.MemoryLimitMb = 4096;
        options.Host.Thresholds.MaxMemoryUsageMb = 3000;
        options.Host.Thresholds.MaxCpuUsagePct = 150;

        Validator.Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Test]
    public void Validate_PluginOverrideForTheHostId_FailsPointingToTheHostSection()
    {
        var options = new PluginHealthOptions();
        options.Plugins["host"] = new PluginMonitoringOptions();

        var result = Validator.Validate(null, options);

        result.Failures.Should().ContainSingle().Which.Should().Be(
            "PluginHealth:Plugins:host is not a valid plugin id: the id 'host' is reserved for the host process's own row (configure it under PluginHealth:Host).");
    }
}
