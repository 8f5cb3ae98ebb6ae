namespace ZepixHealth.Monitoring.Tests.Telemetry;

[TestFixture]
public sealed class LatencyPercentilesTests
{
    [TestCase(50, 1, 1)]
    [TestCase(99, 50, 50)]
    [TestCase(95, 100, 95)]
    [TestCase(50, 101, 51)]
    [TestCase(99, 0, 1)]
    public void NearestRank_PercentAndCount_CeilingOfTheShare(int percent, long count, long expected)
    {
        LatencyPercentiles.NearestRank(percent, count).Should().Be(expected);
    }

    [Test]
    public void FromBuckets_Empty_CountZeroAndPercentilesUnknown()
    {
        var percentiles = LatencyPercentiles.FromBuckets(new long[LatencyBuckets.Count]);

        percentiles.Count.Should().Be(0);
        percentiles.P50Ticks.Should().BeNull();
        percentiles.P95Ticks.Should().BeNull();
        percentiles.P99Ticks.Should().BeNull();
    }

    [Test]
    public void FromBuckets_OneToHundredTicks_ExactNearestRanks()
    {
        // Values below 64 ticks have a bucket each; above, the representative is within 1.6 %.
        var buckets = new long[LatencyBuckets.Count];
        for (var ticks = 1; ticks <= 100; ticks++)
        {
            buckets[LatencyBuckets.IndexOf(ticks)]++;
        }

        var percentiles = LatencyPercentiles.FromBuckets(buckets);

        percentiles.Count.Should().Be(100);
        percentiles.P50Ticks.Should().Be(50);
        percentiles.P95Ticks.Should().BeApproximately(95, 95 * LatencyBuckets.MaxRelativeError);
        percentiles.P99Ticks.Should().BeApproximately(99, 99 * LatencyBuckets.MaxRelativeError);
    }

    [Test]
    public void FromBuckets_FortyNineFastOneSlow_P99IsTheSlowest()
    {
        var buckets = new long[LatencyBuckets.Count];
        buckets[LatencyBuckets.IndexOf(10)] = 49;
        buckets[LatencyBuckets.IndexOf(40)] = 1;

        var percentiles = LatencyPercentiles.FromBuckets(buckets);

        percentiles.P50Ticks.Should().Be(10);
        percentiles.P95Ticks.Should().Be(10);
        percentiles.P99Ticks.Should().Be(40, "the rank of P99 among 50 samples is 50");
    }
}
