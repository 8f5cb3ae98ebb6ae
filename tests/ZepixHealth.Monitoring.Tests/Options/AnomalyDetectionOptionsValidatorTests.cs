namespace ZepixHealth.Monitoring.Tests.Options;

[TestFixture]
public sealed class AnomalyDetectionOptionsValidatorTests
{
    private const string Key = "PluginHealth:Anomalies";

    [Test]
    public void FindProblems_Defaults_None()
    {
        AnomalyDetectionOptionsValidator.FindProblems(new AnomalyDetectionOptions(), Key).Should().BeEmpty();
    }

    [Test]
    public void FindProblems_NegativeWindowSize_NamesKeyAndValue()
    {
        var options = new AnomalyDetectionOptions { WindowSize = -3, WarmUpSamples = 5, LearnDelaySamples = 0 };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().ContainSingle()
            .Which.Should().Be("PluginHealth:Anomalies:WindowSize must be between 10 and 1440; was '-3'.");
    }

    [Test]
    public void FindProblems_WarmUpLongerThanWindow_NamesBoth()
    {
        var options = new AnomalyDetectionOptions { WindowSize = 50, WarmUpSamples = 60 };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().ContainSingle()
            .Which.Should().Be("PluginHealth:Anomalies:WarmUpSamples must be between 5 and PluginHealth:Anomalies:WindowSize (50); was '60'.");
    }

    [TestCase(double.NaN, "NaN")]
    [TestCase(0.5, "0.5")]
    [TestCase(101d, "101")]
    public void FindProblems_BadThreshold_NamesKeyAndValue(double threshold, string shown)
    {
        var options = new AnomalyDetectionOptions { Threshold = threshold };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().ContainSingle()
            .Which.Should().Be($"PluginHealth:Anomalies:Threshold must be between 1 and 100; was '{shown}'.");
    }

    [Test]
    public void FindProblems_ZeroConsecutiveSamples_NamesKeyAndValue()
    {
        var options = new AnomalyDetectionOptions { ConsecutiveSamples = 0 };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().ContainSingle()
            .Which.Should().Be("PluginHealth:Anomalies:ConsecutiveSamples must be between 1 and 1000; was '0'.");
    }

    [Test]
    public void FindProblems_RelearnNoLaterThanFiring_NamesBoth()
    {
        var options = new AnomalyDetectionOptions { ConsecutiveSamples = 5, RelearnAfterSamples = 5 };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().ContainSingle()
            .Which.Should().Be("PluginHealth:Anomalies:RelearnAfterSamples must be greater than PluginHealth:Anomalies:ConsecutiveSamples (5) and at most 100000; was '5'.");
    }

    [Test]
    public void FindProblems_LearnDelayLongerThanWindow_NamesBoth()
    {
        var options = new AnomalyDetectionOptions { LearnDelaySamples = 121 };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().ContainSingle()
            .Which.Should().Be("PluginHealth:Anomalies:LearnDelaySamples must be between 0 and PluginHealth:Anomalies:WindowSize (120); was '121'.");
    }

    [Test]
    public void FindProblems_NegativeRelativeDeviation_NamesKeyAndValue()
    {
        var options = new AnomalyDetectionOptions { MinRelativeDeviation = -0.1 };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().ContainSingle()
            .Which.Should().Be("PluginHealth:Anomalies:MinRelativeDeviation must be between 0 and 10; was '-0.1'.");
    }

    [Test]
    public void FindProblems_BadFloors_OneMessagePerFloor()
    {
        var options = new AnomalyDetectionOptions
        {
            MinP95LatencyDeviationMs = -1,
            MinErrorRateDeviationPct = double.PositiveInfinity,
            MinMemoryDeviationMb = double.NaN,
            MinCpuDeviationPct = -2,
            MinSignalsPerHourDeviation = -3,
            MinOrdersPerHourDeviation = -4,
        };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().Equal(
            "PluginHealth:Anomalies:MinP95LatencyDeviationMs must be a finite number of at least 0; was '-1'.",
            "PluginHealth:Anomalies:MinErrorRateDeviationPct must be a finite number of at least 0; was 'Infinity'.",
            "PluginHealth:Anomalies:MinMemoryDeviationMb must be a finite number of at least 0; was 'NaN'.",
            "PluginHealth:Anomalies:MinCpuDeviationPct must be a finite number of at least 0; was '-2'.",
            "PluginHealth:Anomalies:MinSignalsPerHourDeviation must be a finite number of at least 0; was '-3'.",
            "PluginHealth:Anomalies:MinOrdersPerHourDeviation must be a finite number of at least 0; was '-4'.");
    }

    [Test]
    public void FindProblems_ZeroFloors_Accepted()
    {
        var options = new AnomalyDetectionOptions { MinRelativeDeviation = 0, MinP95LatencyDeviationMs = 0, MinErrorRateDeviationPct = 0 };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().BeEmpty();
    }

    [Test]
    public void ThrowIfInvalid_BadOptions_ThrowsWithTheProblem()
    {
        var options = new AnomalyDetectionOptions { ConsecutiveSamples = 0 };

        var act = () => AnomalyDetectionOptionsValidator.ThrowIfInvalid(options, "options");

        act.Should().Throw<ArgumentException>().WithParameterName("options").WithMessage("*ConsecutiveSamples*");
    }

    [Test]
    public void ThrowIfInvalid_Defaults_DoesNotThrow()
    {
        var act = () => AnomalyDetectionOptionsValidator.ThrowIfInvalid(new AnomalyDetectionOptions(), "options");

        act.Should().NotThrow();
    }
}
