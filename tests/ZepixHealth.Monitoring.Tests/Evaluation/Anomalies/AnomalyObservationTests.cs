namespace ZepixHealth.Monitoring.Tests.Evaluation.Anomalies;

[TestFixture]
public sealed class AnomalyObservationTests
{
    [Test]
    public void Skipped_Always_NotJudgedAndSaysUnknown()
    {
        var observation = AnomalyObservation.Skipped(AnomalyMetric.Memory, isFiring: true, baselineCount: 40, threshold: 3.5);

        observation.IsSkipped.Should().BeTrue();
        observation.IsJudged.Should().BeFalse();
        observation.IsFiring.Should().BeTrue();
        observation.BaselineCount.Should().Be(40);
        observation.Describe().Should().Be("Memory is unknown; not judged.");
    }

    [Test]
    public void WarmingUp_Always_NotJudgedAndCountsSamplesSoFar()
    {
        var observation = AnomalyObservation.WarmingUp(AnomalyMetric.P95Latency, 12.345, baselineCount: 1, threshold: 3.5);

        observation.IsJudged.Should().BeFalse();
        observation.Describe().Should().Be("P95 latency 12.3 ms: still learning its baseline (1 sample so far).");
    }

    [Test]
    public void Describe_AnomalousUpwards_SaysAboveWithScoreLimitAndRarity()
    {
        var observation = new AnomalyObservation
        {
            Metric = AnomalyMetric.Cpu, Value = 95, IsAnomalous = true, IsFiring = true, Expected = 20, Limit = 50, Score = 7.25, Rarity = 0.001,
        };

        observation.IsJudged.Should().BeTrue();
        observation.Describe().Should().Be("CPU 95 % is 7.3 deviations above its usual 20 % (limit 50 %; as high in 0.1% of its recent history).");
    }

    [Test]
    public void Describe_AnomalousDownwardsCappedScore_SaysFarBelow()
    {
        var observation = new AnomalyObservation
        {
            Metric = AnomalyMetric.SignalsPerHour, Value = 0, IsAnomalous = true, Expected = 120, Limit = 80, Score = -1e6, Rarity = 0,
        };

        observation.Describe().Should().StartWith("Signals per hour 0 is far below its usual 120 (limit 80;");
    }

    [Test]
    public void Describe_Normal_SaysWithinRange()
    {
        var observation = new AnomalyObservation { Metric = AnomalyMetric.ErrorRate, Value = 1.5, Expected = 1.25, Limit = 4 };

        observation.ToString().Should().Be("Error rate 1.5 % is within its usual range (usual 1.25 %, limit 4 %).");
    }

    [Test]
    public void Describe_FiringButBackToNormal_SaysItClearsAfterAQuietSpell()
    {
        var observation = new AnomalyObservation { Metric = AnomalyMetric.Memory, Value = 230, IsFiring = true, Expected = 225 };

        observation.Describe().Should().Be("Memory 230 MB is back near its usual 225 MB; the anomaly clears after a quiet spell.");
    }
}
