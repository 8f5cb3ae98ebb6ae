namespace ZepixHealth.Monitoring.Tests.Options;

[TestFixture]
public sealed class AnomalyDetectionOptionsTests
{
    [Test]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new AnomalyDetectionOptions();

        options.Enabled.Should().BeTrue();
        options.WindowSize.Should().Be(120);
        options.WarmUpSamples.Should().Be(60);
        options.Threshold.Should().Be(3.5);
        options.ConsecutiveSamples.Should().Be(3);
        options.RelearnAfterSamples.Should().Be(120);
        options.LearnDelaySamples.Should().Be(30);
        options.MinRelativeDeviation.Should().Be(0.2);
        options.MinP95LatencyDeviationMs.Should().Be(5);
        options.MinErrorRateDeviationPct.Should().Be(1);
        options.MinMemoryDeviationMb.Should().Be(50);
        options.MinCpuDeviationPct.Should().Be(10);
        options.MinSignalsPerHourDeviation.Should().Be(3);
        options.MinOrdersPerHourDeviation.Should().Be(2);
        AnomalyDetectionOptions.SectionName.Should().Be("Anomalies");
    }
}
