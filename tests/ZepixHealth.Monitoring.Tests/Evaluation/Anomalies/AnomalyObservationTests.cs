namespace ZepixHealth.Monitoring.Tests.Evaluation.Anomalies;

[TestFixture]
public sealed class AnomalyObservationTests
{
    [Test]
    public void Skipped_Always_NotJudgedAndSaysUnknown()
    {
        var observation = AnomalyObservation.Skipped(AnomalyMetric.Memory, consecutiveAnomalies: 2, baselineCount: 40, threshold: 3.5);

        observation.IsSkipped.Should().BeTrue();
        observation.IsJudged.Should().BeFalse();
        observation.ConsecutiveAnomalies.Should().Be(2);
        observation.BaselineCount.Should().Be(40);
        observation.Describe().Should().Be("Memory is unknown; not judged.");
    }

    [Test]
    public void Describe_WarmingUp_CountsSamplesSoFar()
    {
        var observation = new AnomalyObservation { Metric = AnomalyMetric.P95Latency, Value = 12.345, IsWarmingUp = true, BaselineCount = 1 };

        observation.IsJudged.Should().BeFalse();
        observation.Describe().Should().Be("P95 latency 12.3 ms: still learning its baseline (1 sample so far).");
    }

    [Test]
    public void Describe_AnomalousUpwards_SaysAboveWithScoreAndLimit()
    {
        var observation = new AnomalyObservation
        {
            Metric = AnomalyMetric.Cpu, Value = 95, IsAnomalous = true, Median = 20, Limit = 50, Score = 7.25, ConsecutiveAnomalies = 3,
        };

        observation.IsJudged.Should().BeTrue();
        observation.Describe().Should().Be("CPU 95 % is 7.3 robust deviations above its median of 20 % (limit 50 %; 3 samples in a row).");
    }

    [Test]
    public void Describe_AnomalousDownwardsInfiniteScore_SaysFarBelow()
    {
        var observation = new AnomalyObservation
        {
            Metric = AnomalyMetric.SignalsPerHour, Value = 0, IsAnomalous = true, Median = 120, Limit = 80, Score = double.PositiveInfinity, ConsecutiveAnomalies = 1,
        };

        observation.Describe().Should().Be("Signals per hour 0 is far below its median of 120 (limit 80; 1 sample in a row).");
    }

    [Test]
    public void Describe_Normal_SaysWithinRange()
    {
        var observation = new AnomalyObservation { Metric = AnomalyMetric.ErrorRate, Value = 1.5, Median = 1.25, Limit = 4 };

        observation.ToString().Should().Be("Error rate 1.5 % is within its usual range (median 1.25 %, limit 4 %).");
    }

    [Test]
    public void Describe_Relearned_NamesTheNewMedian()
    {
        var observation = new AnomalyObservation { Metric = AnomalyMetric.Memory, Value = 640, Relearned = true, Median = 612.4 };

        observation.IsJudged.Should().BeFalse();
        observation.Describe().Should().Contain("baseline relearned at a median of 612 MB");
    }
}
