using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Options;

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
            "PluginHealth:Thresholds:MaxExecutionTimeMs must be a finite number greater than 0; was 'NaN'.",
            "PluginHealth:Thresholds:MaxErrorRatePct must be greater than 0 and at most 100; was '150'.",
            "PluginHealth:Thresholds:MaxMemoryUsageMb must be a finite number greater than 0; was '-1'.");
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
}
