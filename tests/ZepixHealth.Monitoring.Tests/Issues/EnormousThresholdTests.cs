using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Issues;

/// <summary>
/// Found by issue 9's bad-input campaign: a threshold of 1e308 MB or ms (a typo such as 50000000 for
/// 500) was accepted, silently switching its rule off.
/// </summary>
public class EnormousThresholdTests
{
    private static readonly PluginHealthOptionsValidator Validator = new(new PluginRegistry([new ScriptedPlugin("v3-combined")]), [new AvailabilityRule()]);

    [Test]
    public void Validate_EnormousThresholds_FailNamingKeyAndValue()
    {
        // Arrange
        var options = new PluginHealthOptions();
        options.Thresholds.MaxMemoryUsageMb = 1e308;
        options.Thresholds.MaxExecutionTimeMs = 50_000_000;
        options.Host.MemoryLimitMb = 1e12;
        options.Plugins["v3-combined"] = new PluginMonitoringOptions();
        options.Plugins["v3-combined"].Thresholds.MaxMemoryUsageMb = 1e20;

        // Act
        var result = Validator.Validate(null, options);

        // Assert
        result.Failed.Should().BeTrue();
        result.FailureMessage.Should()
            .Contain("PluginHealth:Thresholds:MaxMemoryUsageMb must be greater than 0 and at most 16777216; was '1E+308'")
            .And.Contain("PluginHealth:Thresholds:MaxExecutionTimeMs must be greater than 0 and at most 3600000; was '50000000'")
            .And.Contain("PluginHealth:Host:MemoryLimitMb")
            .And.Contain("PluginHealth:Plugins:v3-combined:Thresholds:MaxMemoryUsageMb");
    }

    [Test]
    public void Validate_LargeButPlausibleThresholds_Succeed()
    {
        var options = new PluginHealthOptions();
        options.Thresholds.MaxMemoryUsageMb = 512 * 1024;
        options.Thresholds.MaxExecutionTimeMs = 600_000;

        Validator.Validate(null, options).Succeeded.Should().BeTrue();
    }
}
