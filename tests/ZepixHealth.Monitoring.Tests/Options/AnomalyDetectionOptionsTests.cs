namespace ZepixHealth.Monitoring.Tests.Options;

[TestFixture]
public sealed class AnomalyDetectionOptionsTests
{
    [Test]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new AnomalyDetectionOptions();

        options.Enabled.Should().BeTrue();
        options.BaselineWindow.Should().Be(TimeSpan.FromHours(3));
        options.WarmUp.Should().Be(TimeSpan.FromHours(1));
        options.Threshold.Should().Be(3.5);
        options.SustainedThreshold.Should().Be(3);
        options.Persistence.Should().Be(TimeSpan.FromMinutes(15));
        options.Rarity.Should().Be(0.005);
        options.RarityInterval.Should().Be(TimeSpan.FromHours(12));
        options.ScoreMemory.Should().Be(TimeSpan.FromDays(2));
        options.ClearAfter.Should().Be(TimeSpan.FromHours(1));
        options.MinRelativeDeviation.Should().Be(0.01);
        options.MinP95LatencyDeviationMs.Should().Be(0);
        options.MinErrorRateDeviationPct.Should().Be(1);
        options.MinMemoryDeviationMb.Should().Be(50);
        options.MinCpuDeviationPct.Should().Be(0);
        options.MinSignalsPerHourDeviation.Should().Be(3);
        options.MinOrdersPerHourDeviation.Should().Be(2);
        options.P95LatencyDirections.Should().Be(AnomalyDirections.Rise);
        options.ErrorRateDirections.Should().Be(AnomalyDirections.Rise);
        options.MemoryDirections.Should().Be(AnomalyDirections.Rise);
        options.CpuDirections.Should().Be(AnomalyDirections.Both);
        options.SignalsPerHourDirections.Should().Be(AnomalyDirections.Both);
        options.OrdersPerHourDirections.Should().Be(AnomalyDirections.Both);
        AnomalyDetectionOptions.SectionName.Should().Be("Anomalies");
    }
}
