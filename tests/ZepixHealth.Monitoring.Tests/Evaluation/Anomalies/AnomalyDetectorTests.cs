namespace ZepixHealth.Monitoring.Tests.Evaluation.Anomalies;

[TestFixture]
public sealed class AnomalyDetectorTests
{
    private static readonly AnomalyDetectionOptions Defaults = new();

    [Test]
    public void Observe_DuringWarmUp_LearnsWithoutJudging()
    {
        var detector = new AnomalyDetector(AnomalyMetric.P95Latency, Defaults);
        var random = new Random(1);
        for (var i = 0; i < Defaults.WarmUpSamples - 1; i++)
        {
            detector.Observe(35 + random.NextDouble()).IsWarmingUp.Should().BeTrue();
        }

        var last = detector.Observe(10_000);
        var first = detector.Observe(10_000);

        last.IsWarmingUp.Should().BeTrue();
        last.IsAnomalous.Should().BeFalse();
        last.IsFiring.Should().BeFalse();
        first.IsWarmingUp.Should().BeFalse();
        first.IsAnomalous.Should().BeTrue("the 60th sample completed the warm-up, and the median ignores one outlier");
    }

    [Test]
    public void Observe_LatencyDropsToAlmostNothing_NeverAnomalous()
    {
        var detector = WarmedUp(AnomalyMetric.P95Latency, level: 35, spread: 2);

        var observations = Enumerable.Range(0, 300).Select(_ => detector.Observe(0.1)).ToList();

        observations.Should().OnlyContain(o => !o.IsAnomalous && !o.IsFiring);
        observations.Should().Contain(o => o.Relearned, "a lasting improvement becomes the new normal too");
    }

    [Test]
    public void Observe_SignalsRiseFivefold_NeverAnomalous()
    {
        var detector = WarmedUp(AnomalyMetric.SignalsPerHour, level: 120, spread: 10);

        Enumerable.Range(0, 300).Select(_ => detector.Observe(600)).Should().OnlyContain(o => !o.IsAnomalous && !o.IsFiring);
    }

    [Test]
    public void Observe_SignalsDropToZero_FiresOnTheKthSample()
    {
        var detector = WarmedUp(AnomalyMetric.SignalsPerHour, level: 120, spread: 10);

        var observations = Enumerable.Range(0, 3).Select(_ => detector.Observe(0)).ToList();

        observations.Select(o => o.IsAnomalous).Should().Equal(true, true, true);
        observations.Select(o => o.IsFiring).Should().Equal(false, false, true);
        observations[2].ConsecutiveAnomalies.Should().Be(3);
        observations[2].Limit.Should().BeLessThan(120).And.BeGreaterThan(0);
        detector.IsFiring.Should().BeTrue();
    }

    [Test]
    public void Observe_FewerThanKAnomaliesInARow_NeverFires()
    {
        var detector = WarmedUp(AnomalyMetric.P95Latency, level: 35, spread: 2);

        var observations = new[] { 480.0, 480, 35, 480, 480, 36, 480 }.Select(v => detector.Observe(v)).ToList();

        observations.Count(o => o.IsAnomalous).Should().Be(5);
        observations.Should().OnlyContain(o => !o.IsFiring);
    }

    [Test]
    public void Observe_NullValues_SkippedWithoutBreakingTheRunOrFiring()
    {
        var detector = WarmedUp(AnomalyMetric.P95Latency, level: 35, spread: 2);
        var baseline = detector.BaselineCount;

        detector.Observe(480).IsAnomalous.Should().BeTrue();
        detector.Observe(480);
        var skipped = detector.Observe(null);
        var nan = detector.Observe(double.NaN);
        var third = detector.Observe(480);

        skipped.IsSkipped.Should().BeTrue();
        skipped.IsAnomalous.Should().BeFalse();
        skipped.IsFiring.Should().BeFalse();
        skipped.ConsecutiveAnomalies.Should().Be(2, "a skipped sample keeps the run as it was");
        nan.IsSkipped.Should().BeTrue();
        third.IsFiring.Should().BeTrue("the nulls neither broke nor extended the run of three");
        third.ConsecutiveAnomalies.Should().Be(3);
        detector.BaselineCount.Should().Be(baseline);

        var whileFiring = detector.Observe(null);
        whileFiring.IsFiring.Should().BeFalse("an unknown value never fires");
        detector.IsFiring.Should().BeTrue("and it does not reset the detector either");
    }

    [Test]
    public void Observe_NullsDuringWarmUp_DoNotCountTowardsIt()
    {
        var detector = new AnomalyDetector(AnomalyMetric.Cpu, Defaults);

        for (var i = 0; i < 1000; i++)
        {
            detector.Observe(null);
        }

        detector.BaselineCount.Should().Be(0);
        detector.Observe(99).IsWarmingUp.Should().BeTrue();
    }

    [Test]
    public void Observe_FlatErrorRateRisesByATenthOfAPercent_NeverAnomalous()
    {
        var detector = new AnomalyDetector(AnomalyMetric.ErrorRate, Defaults);
        for (var i = 0; i < 200; i++)
        {
            detector.Observe(0);
        }

        var tiny = Enumerable.Range(0, 50).Select(_ => detector.Observe(0.1)).ToList();

        tiny.Should().OnlyContain(o => !o.IsAnomalous);
        tiny[0].MedianAbsoluteDeviation.Should().Be(0);
        tiny[0].Limit.Should().Be(1, "the 1-point floor sets the limit when the MAD is 0");
    }

    [Test]
    public void Observe_FlatErrorRateJumpsToThreePercent_Fires()
    {
        var detector = new AnomalyDetector(AnomalyMetric.ErrorRate, Defaults);
        for (var i = 0; i < 200; i++)
        {
            detector.Observe(0);
        }

        Repeat(detector, 3, times: 3)[^1].IsFiring.Should().BeTrue();
    }

    [Test]
    public void Observe_FlatLatencyUpByAFewPercent_NeverAnomalous()
    {
        var detector = new AnomalyDetector(AnomalyMetric.P95Latency, Defaults);
        for (var i = 0; i < 200; i++)
        {
            detector.Observe(350);
        }

        // MAD 0: only the 20 % relative floor decides; +15 % is a change, not an anomaly.
        Enumerable.Range(0, 50).Select(_ => detector.Observe(402)).Should().OnlyContain(o => !o.IsAnomalous);
        detector.Observe(430).IsAnomalous.Should().BeTrue();
    }

    [Test]
    public void Observe_LastingLevelShift_FiresThenRelearnsAndStopsFiring()
    {
        var detector = WarmedUp(AnomalyMetric.P95Latency, level: 35, spread: 2);
        var random = new Random(7);

        var observations = Enumerable.Range(0, 400).Select(_ => detector.Observe(480 + (random.NextDouble() * 20))).ToList();

        var relearnedAt = observations.FindIndex(o => o.Relearned);
        relearnedAt.Should().Be(Defaults.RelearnAfterSamples - 1);
        observations.Take(relearnedAt).Skip(Defaults.ConsecutiveSamples - 1).Should().OnlyContain(o => o.IsFiring);
        observations.Skip(relearnedAt).Should().OnlyContain(o => !o.IsFiring && !o.IsAnomalous);
        observations[relearnedAt].Median.Should().BeInRange(480, 500);
        observations[^1].Median.Should().BeInRange(480, 500);
    }

    [Test]
    public void Observe_SpikeShorterThanRelearn_DoesNotMoveTheBaseline()
    {
        var detector = WarmedUp(AnomalyMetric.Memory, level: 200, spread: 5);
        var twin = WarmedUp(AnomalyMetric.Memory, level: 200, spread: 5);
        detector.Observe(201);
        twin.Observe(201);

        for (var i = 0; i < Defaults.RelearnAfterSamples - 1; i++)
        {
            detector.Observe(900).IsFiring.Should().Be(i >= Defaults.ConsecutiveSamples - 1);
        }

        var after = detector.Observe(199);
        var unspiked = twin.Observe(199);
        after.IsAnomalous.Should().BeFalse();
        after.Median.Should().Be(unspiked.Median);
        after.MedianAbsoluteDeviation.Should().Be(unspiked.MedianAbsoluteDeviation);
        Repeat(detector, 900, times: 3)[^1].IsFiring.Should().BeTrue("the next spike is judged against the same clean baseline");
    }

    [Test]
    public void Observe_BusyHourOfSignalsThenBackToNormal_NeverFires()
    {
        var detector = WarmedUp(AnomalyMetric.SignalsPerHour, level: 120, spread: 10);
        var random = new Random(3);

        var burst = Enumerable.Range(0, 100).Select(_ => detector.Observe(400 + (random.NextDouble() * 20))).ToList();
        var back = Enumerable.Range(0, 100).Select(_ => detector.Observe(115 + (random.NextDouble() * 10))).ToList();

        burst.Concat(back).Should().OnlyContain(o => !o.IsAnomalous, "a burst the good way is not learned, so the return does not look like a drop");
    }

    [Test]
    public void Observe_SteadyStateWithSpikesAndRelearns_AllocatesNothing()
    {
        var detector = WarmedUp(AnomalyMetric.P95Latency, level: 35, spread: 2);
        var random = new Random(5);
        double? Next(int i) => i % 500 < 200 ? 35 + random.NextDouble() : i % 500 < 450 ? 480 : i % 97 == 0 ? null : 35;
        // One loop, measured after its first 1,000 rounds, so that the JIT has tiered it up.
        var before = 0L;
        var firing = 0;
        for (var i = -1000; i < 10_000; i++)
        {
            if (i == 0)
            {
                before = GC.GetAllocatedBytesForCurrentThread();
            }

            var observation = detector.Observe(Next(i < 0 ? i + 1000 : i));
            firing += i >= 0 && observation.IsFiring ? 1 : 0;
        }

        GC.GetAllocatedBytesForCurrentThread().Should().Be(before);
        firing.Should().BePositive();
    }

    [Test]
    public void Describe_FiringLatency_NamesValueScoreMedianAndLimit()
    {
        var detector = WarmedUp(AnomalyMetric.P95Latency, level: 35, spread: 2);
        detector.Observe(480);
        detector.Observe(480);

        var text = detector.Observe(480).Describe();

        text.Should().MatchRegex(@"^P95 latency 480 ms is \d+\.\d robust deviations above its median of 3\d(\.\d+)? ms \(limit \d+(\.\d+)? ms; 3 samples in a row\)\.$");
    }

    [Test]
    public void Describe_FiringSignals_SaysBelow()
    {
        var detector = WarmedUp(AnomalyMetric.SignalsPerHour, level: 120, spread: 10);

        detector.Observe(0).Describe().Should().StartWith("Signals per hour 0 is ").And.Contain("below its median of 1");
    }

    [Test]
    public void Describe_OtherStates_ExplainThemselves()
    {
        var detector = new AnomalyDetector(AnomalyMetric.Memory, Defaults);

        detector.Observe(null).Describe().Should().Be("Memory is unknown; not judged.");
        detector.Observe(200).Describe().Should().Be("Memory 200 MB: still learning its baseline (1 sample so far).");
        for (var i = 0; i < 100; i++)
        {
            detector.Observe(200);
        }

        detector.Observe(201).Describe().Should().Be("Memory 201 MB is within its usual range (median 200 MB, limit 250 MB).");
    }

    [Test]
    public void Ctor_InvalidOptions_ThrowsNamingTheSetting()
    {
        var act = () => new AnomalyDetector(AnomalyMetric.Cpu, new AnomalyDetectionOptions { WindowSize = -3 });

        act.Should().Throw<ArgumentException>().WithMessage("*AnomalyDetectionOptions:WindowSize must be between 10 and 1440; was '-3'.*");
    }

    // Observes eagerly: LINQ's Last() over Select may run only the last projection.
    private static List<AnomalyObservation> Repeat(AnomalyDetector detector, double value, int times) =>
        Enumerable.Range(0, times).Select(_ => detector.Observe(value)).ToList();

    private static AnomalyDetector WarmedUp(AnomalyMetric metric, double level, double spread)
    {
        var detector = new AnomalyDetector(metric, Defaults);
        var random = new Random(42);
        for (var i = 0; i < Defaults.WindowSize; i++)
        {
            detector.Observe(level + ((random.NextDouble() - 0.5) * 2 * spread)).IsAnomalous.Should().BeFalse();
        }

        return detector;
    }
}
