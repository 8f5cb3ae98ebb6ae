namespace ZepixHealth.Monitoring.Tests.Telemetry;

[TestFixture]
public sealed class LatencyBucketsTests
{
    [Test]
    public void IndexOf_ValuesBelow64Ticks_EachHaveTheirOwnExactBucket()
    {
        for (long ticks = 0; ticks < 64; ticks++)
        {
            var index = LatencyBuckets.IndexOf(ticks);
            LatencyBuckets.Representative(index).Should().Be(ticks);
        }
    }

    [Test]
    public void IndexOf_BoundsOfEveryBucket_MapBackToThatBucketAndTileTheRange()
    {
        for (var index = 0; index < LatencyBuckets.Count; index++)
        {
            var low = LatencyBuckets.LowerBound(index);
            var high = LatencyBuckets.UpperBound(index);

            LatencyBuckets.IndexOf(low).Should().Be(index);
            LatencyBuckets.IndexOf(high).Should().Be(index);
            if (index > 0)
            {
                low.Should().Be(LatencyBuckets.UpperBound(index - 1) + 1, "buckets must tile the range without gaps");
            }
        }

        LatencyBuckets.UpperBound(LatencyBuckets.Count - 1).Should().Be(LatencyBuckets.MaxTrackedTicks);
    }

    [Test]
    public void Representative_ValuesFromOneMicrosecondToOneHour_WithinMaxRelativeError()
    {
        var random = new Random(7);
        var oneMicrosecond = Math.Log(TimeSpan.FromMicroseconds(1).Ticks);
        var oneHour = Math.Log(TimeSpan.FromHours(1).Ticks);
        for (var i = 0; i < 200_000; i++)
        {
            var ticks = (long)Math.Exp(oneMicrosecond + (random.NextDouble() * (oneHour - oneMicrosecond)));
            var estimate = LatencyBuckets.Representative(LatencyBuckets.IndexOf(ticks));

            Math.Abs(estimate - ticks).Should().BeLessThanOrEqualTo(ticks * LatencyBuckets.MaxRelativeError * 1.000001);
        }

        LatencyBuckets.MaxRelativeError.Should().BeLessThan(0.02);
    }

    [Test]
    public void IndexOf_ValueAboveTrackedRange_GoesToLastBucket()
    {
        LatencyBuckets.IndexOf(TimeSpan.FromDays(3).Ticks).Should().Be(LatencyBuckets.Count - 1);
        LatencyBuckets.IndexOf(long.MaxValue).Should().Be(LatencyBuckets.Count - 1);
    }

    [Test]
    public void MaxTrackedTicks_CoversOneHour()
    {
        LatencyBuckets.MaxTrackedTicks.Should().BeGreaterThan(TimeSpan.FromHours(1).Ticks);
    }
}
