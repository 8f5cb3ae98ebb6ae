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
    public void FindProblems_ZeroBaselineWindow_NamesKeyAndValue()
    {
        var options = new AnomalyDetectionOptions { BaselineWindow = TimeSpan.Zero, WarmUp = TimeSpan.Zero };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().ContainSingle()
            .Which.Should().Be("PluginHealth:Anomalies:BaselineWindow must be greater than 00:00:00 and at most 1.00:00:00; was '00:00:00'.");
    }

    [Test]
    public void FindProblems_WarmUpLongerThanWindow_NamesBoth()
    {
        var options = new AnomalyDetectionOptions { BaselineWindow = TimeSpan.FromHours(1), WarmUp = TimeSpan.FromHours(2) };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().ContainSingle()
            .Which.Should().Be("PluginHealth:Anomalies:WarmUp must be at least 00:00:00 and at most PluginHealth:Anomalies:BaselineWindow (01:00:00); was '02:00:00'.");
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

    [TestCase(0d, "0")]
    [TestCase(0.6, "0.6")]
    [TestCase(double.NaN, "NaN")]
    public void FindProblems_BadRarity_NamesKeyAndValue(double rarity, string shown)
    {
        var options = new AnomalyDetectionOptions { Rarity = rarity };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().ContainSingle()
            .Which.Should().Be($"PluginHealth:Anomalies:Rarity must be greater than 0 and at most 0.5; was '{shown}'.");
    }

    [Test]
    public void FindProblems_BadDurations_OneMessageEach()
    {
        var options = new AnomalyDetectionOptions
        {
            Persistence = TimeSpan.FromSeconds(-1),
            ScoreMemory = TimeSpan.FromMinutes(10),
            RarityInterval = TimeSpan.FromMinutes(5),
            ClearAfter = TimeSpan.FromDays(2),
        };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().Equal(
            "PluginHealth:Anomalies:Persistence must be greater than 00:00:00 and at most 1.00:00:00; was '-00:00:01'.",
            "PluginHealth:Anomalies:ScoreMemory must be at least 01:00:00 and at most 30.00:00:00; was '00:10:00'.",
            "PluginHealth:Anomalies:ClearAfter must be at least 00:00:00 and at most 1.00:00:00; was '2.00:00:00'.");
    }

    [Test]
    public void FindProblems_RarityIntervalLongerThanScoreMemory_NamesBoth()
    {
        var options = new AnomalyDetectionOptions { ScoreMemory = TimeSpan.FromHours(6) };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().ContainSingle()
            .Which.Should().Be("PluginHealth:Anomalies:RarityInterval must be at least 00:01:00 and at most PluginHealth:Anomalies:ScoreMemory (06:00:00); was '12:00:00'.");
    }

    [Test]
    public void FindProblems_UndefinedDirections_NamesKeyAndValue()
    {
        var options = new AnomalyDetectionOptions { CpuDirections = 0, MemoryDirections = (AnomalyDirections)8 };

        AnomalyDetectionOptionsValidator.FindProblems(options, Key).Should().Equal(
            "PluginHealth:Anomalies:MemoryDirections must be Rise, Drop or Both; was '8'.",
            "PluginHealth:Anomalies:CpuDirections must be Rise, Drop or Both; was '0'.");
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
        var options = new AnomalyDetectionOptions { Persistence = TimeSpan.Zero };

        var act = () => AnomalyDetectionOptionsValidator.ThrowIfInvalid(options, "options");

        act.Should().Throw<ArgumentException>().WithParameterName("options").WithMessage("*Persistence*");
    }

    [Test]
    public void ThrowIfInvalid_Defaults_DoesNotThrow()
    {
        var act = () => AnomalyDetectionOptionsValidator.ThrowIfInvalid(new AnomalyDetectionOptions(), "options");

        act.Should().NotThrow();
    }
}
