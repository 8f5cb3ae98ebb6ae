using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Options;

[TestFixture]
public sealed class AlertLevelOptionsValidatorTests
{
    private const string Prefix = "PluginHealth:";

    [Test]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new PluginHealthOptions();

        options.RepeatIntervals.Critical.Should().BeNull();
        options.RepeatIntervals.High.Should().BeNull();
        options.RepeatIntervals.Warning.Should().BeNull();
        options.Thresholds.CriticalExecutionTimeMs.Should().BeNull();
        options.Thresholds.CriticalErrorRatePct.Should().BeNull();
        options.Thresholds.CriticalMemoryUsageMb.Should().BeNull();
        options.Thresholds.CriticalCpuUsagePct.Should().BeNull();
        options.Thresholds.CriticalErrorsForCritical.Should().BeNull();
        AlertRuleSettings.For(HealthRuleIds.LatencyP95, options).Should().Be(
            new AlertRuleSettings(2, 2, CriticalRepeat: TimeSpan.FromMinutes(5), HighRepeat: TimeSpan.FromMinutes(15), WarningRepeat: TimeSpan.FromHours(1)));
    }

    [Test]
    public void FindProblems_Defaults_FindsNone()
    {
        AlertLevelOptionsValidator.FindProblems(new PluginHealthOptions(), Prefix).Should().BeEmpty();
    }

    [Test]
    public void FindProblems_GlobalCriticalBelowWarning_NamesBothKeysAndValues()
    {
        var options = new PluginHealthOptions();
        options.Thresholds.CriticalExecutionTimeMs = 4000;

        var problems = AlertLevelOptionsValidator.FindProblems(options, Prefix);

        problems.Should().ContainSingle().Which.Should().Be(
            "PluginHealth:Thresholds:CriticalExecutionTimeMs ('4000') must be above the warning threshold MaxExecutionTimeMs ('5000'): " +
            "a critical level at or below the warning level leaves no room to warn. Raise CriticalExecutionTimeMs or lower MaxExecutionTimeMs.");
    }

    [Test]
    public void FindProblems_PluginRaisesItsWarningAboveTheGlobalCritical_BlamesThePlugin()
    {
        var options = new PluginHealthOptions();
        options.Thresholds.CriticalErrorRatePct = 20;
        var plugin = new PluginMonitoringOptions();
        plugin.Thresholds.MaxErrorRatePct = 25;
        options.Plugins["batch"] = plugin;

        var problems = AlertLevelOptionsValidator.FindProblems(options, Prefix).ToList();

        problems.Should().ContainSingle().Which.Should().StartWith(
            "PluginHealth:Plugins:batch:Thresholds:CriticalErrorRatePct ('20') must be above the warning threshold MaxErrorRatePct that applies to this plugin");
    }

    [Test]
    public void FindProblems_PluginCriticalAtItsWarning_Fails()
    {
        var options = new PluginHealthOptions();
        var plugin = new PluginMonitoringOptions();
        plugin.Thresholds.MaxMemoryUsageMb = 800;
        plugin.Thresholds.CriticalMemoryUsageMb = 800;
        options.Plugins["v3-combined"] = plugin;

        var problems = AlertLevelOptionsValidator.FindProblems(options, Prefix);

        problems.Should().ContainSingle().Which.Should().Contain("PluginHealth:Plugins:v3-combined:Thresholds:CriticalMemoryUsageMb ('800')");
    }

    [Test]
    public void FindProblems_PluginInheritingValidGlobals_FindsNone()
    {
        var options = new PluginHealthOptions();
        options.Thresholds.CriticalCpuUsagePct = 150;
        var plugin = new PluginMonitoringOptions();
        plugin.Thresholds.MaxCpuUsagePct = 120;
        options.Plugins["v3-combined"] = plugin;

        AlertLevelOptionsValidator.FindProblems(options, Prefix).Should().BeEmpty();
    }

    [TestCase(-1.0, TestName = "FindProblems_NegativeCriticalErrorRate_Fails")]
    [TestCase(101.0, TestName = "FindProblems_CriticalErrorRateAbove100_Fails")]
    [TestCase(double.NaN, TestName = "FindProblems_NaNCriticalErrorRate_Fails")]
    public void FindProblems_CriticalErrorRateOutOfRange_NamesKeyAndValue(double value)
    {
        var options = new PluginHealthOptions();
        options.Thresholds.CriticalErrorRatePct = value;

        var problems = AlertLevelOptionsValidator.FindProblems(options, Prefix);

        problems.Should().Contain(p => p.StartsWith("PluginHealth:Thresholds:CriticalErrorRatePct must be greater than 0 and at most 100; was", StringComparison.Ordinal));
    }

    [Test]
    public void FindProblems_OneCriticalErrorForCritical_FailsSayingWhy()
    {
        var options = new PluginHealthOptions();
        options.Thresholds.CriticalErrorsForCritical = 1;

        var problems = AlertLevelOptionsValidator.FindProblems(options, Prefix);

        problems.Should().ContainSingle().Which.Should().Be(
            "PluginHealth:Thresholds:CriticalErrorsForCritical must be between 2 and 1000000 (one critical error already makes the alert High); was '1'.");
    }

    [Test]
    public void FindProblems_HostCriticalBelowItsOwnWarning_Fails()
    {
        var options = new PluginHealthOptions();
        options.Host.Thresholds.MaxMemoryUsageMb = 2000;
        options.Host.Thresholds.CriticalMemoryUsageMb = 1500;

        var problems = AlertLevelOptionsValidator.FindProblems(options, Prefix);

        problems.Should().ContainSingle().Which.Should().StartWith("PluginHealth:Host:Thresholds:CriticalMemoryUsageMb ('1500') must be above");
    }

    [Test]
    public void FindProblems_RepeatIntervalShorterThanAlertCooldown_SaysWhichFloorAndHowToLowerIt()
    {
        var options = new PluginHealthOptions();
        options.RepeatIntervals.Critical = TimeSpan.FromMinutes(2);

        var problems = AlertLevelOptionsValidator.FindProblems(options, Prefix);

        problems.Should().ContainSingle().Which.Should().Be(
            "PluginHealth:RepeatIntervals:Critical ('00:02:00') is shorter than PluginHealth:AlertCooldown ('00:05:00'), " +
            "the shortest time between two notifications of one alert; lengthen it, or lower AlertCooldown too.");
    }

    [Test]
    public void FindProblems_RuleRepeatIntervalBelowALoweredCooldown_FindsNone()
    {
        var options = new PluginHealthOptions { AlertCooldown = TimeSpan.FromMinutes(1) };
        options.Rules["latency.p95"] = new AlertRuleOptions { RepeatInterval = TimeSpan.FromMinutes(2) };

        AlertLevelOptionsValidator.FindProblems(options, Prefix).Should().BeEmpty();
    }

    [Test]
    public void FindProblems_RuleRepeatIntervalBeyondSevenDays_Fails()
    {
        var options = new PluginHealthOptions();
        options.Rules["cpu"] = new AlertRuleOptions { RepeatInterval = TimeSpan.FromDays(8) };

        var problems = AlertLevelOptionsValidator.FindProblems(options, Prefix);

        problems.Should().ContainSingle().Which.Should().Be("PluginHealth:Rules:cpu:RepeatInterval must be between 00:00:00 and 7.00:00:00; was '8.00:00:00'.");
    }

    [Test]
    public void AddPluginHealthMonitoring_CriticalBelowWarningInConfiguration_StartUpFailsNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PluginHealth:Plugins:v3-combined:Thresholds:CriticalExecutionTimeMs"] = "3000",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IHealthCheckablePlugin>(new ScriptedPlugin("v3-combined"));
        services.AddPluginHealthMonitoring(configuration.GetSection(PluginHealthOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<PluginHealthOptions>>().Value;

        act.Should().Throw<OptionsValidationException>()
            .Which.Message.Should().Contain("PluginHealth:Plugins:v3-combined:Thresholds:CriticalExecutionTimeMs ('3000') must be above the warning threshold MaxExecutionTimeMs");
    }
}
