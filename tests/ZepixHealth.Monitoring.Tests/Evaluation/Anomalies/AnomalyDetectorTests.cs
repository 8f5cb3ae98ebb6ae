namespace ZepixHealth.Monitoring.Tests.Evaluation.Anomalies;

[TestFixture]
public sealed class AnomalyDetectorTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Test]
    public void Observe_UnknownValue_SkippedAndNothingLearned()
    {
        var detector = new AnomalyDetector(AnomalyMetric.P95Latency, new AnomalyDetectionOptions(), Interval);

        var observation = detector.Observe(double.NaN);
        detector.Observe(null);

        observation.IsSkipped.Should().BeTrue();
        detector.BaselineCount.Should().Be(0);
    }

    [Test]
    public void Observe_DuringWarmUp_LearnsWithoutJudging()
    {
        var detector = new AnomalyDetector(AnomalyMetric.P95Latency, new AnomalyDetectionOptions(), Interval);
        var warmUpSamples = detector.Settings.WarmUpSamples;

        var observations = Enumerable.Range(0, warmUpSamples).Select(i => detector.Observe(i == 5 ? 5000 : 35)).ToArray();

        warmUpSamples.Should().Be(120, "an hour of warm-up is 120 samples at 30 s");
        observations.Should().OnlyContain(o => o.IsWarmingUp && !o.IsFiring);
        detector.Observe(35).IsJudged.Should().BeTrue();
    }

    [TestCase(30, 120, 2.0 / 361, 180, 120)]
    [TestCase(300, 12, 2.0 / 37, 18, 12)]
    [TestCase(3600, 5, 2.0 / 4, 1, 1)]
    public void Settings_Durations_BecomeSamplesOfTheInterval(int intervalSeconds, int warmUp, double levelRate, int adoptAfter, int clearAfter)
    {
        var settings = new AnomalyDetectorSettings(AnomalyMetric.Cpu, new AnomalyDetectionOptions(), TimeSpan.FromSeconds(intervalSeconds));

        settings.WarmUpSamples.Should().Be(warmUp);
        settings.LevelRate.Should().BeApproximately(levelRate, 1e-12);
        settings.AdoptAfterSamples.Should().Be(adoptAfter);
        settings.ClearAfterSamples.Should().Be(clearAfter);
    }

    [Test]
    public void Ctor_NonPositiveInterval_Throws()
    {
        var act = () => new AnomalyDetector(AnomalyMetric.Cpu, new AnomalyDetectionOptions(), TimeSpan.Zero);

        act.Should().Throw<ArgumentException>().WithParameterName("sampleInterval");
    }

    [Test]
    public void Observe_OneSampleFarOut_FiresAtOnce()
    {
        var random = new Random(1);
        var detector = Warm(AnomalyMetric.P95Latency, random, level: 35, sigma: 3);

        var observation = detector.Observe(120);

        observation.IsAnomalous.Should().BeTrue();
        observation.IsFiring.Should().BeTrue();
        observation.Score.Should().BeGreaterThan(10);
    }

    [Test]
    public void Observe_SlightButLastingDeviation_FiresOnlyAfterItPersists()
    {
        // A long window, so that the level barely follows the held value before it adds up; no seasonal
        // profile, so that the expected value is the same from one sample to the next.
        var options = new AnomalyDetectionOptions { BaselineWindow = TimeSpan.FromHours(12), Seasonal = false };
        var random = new Random(2);
        var detector = Warm(AnomalyMetric.P95Latency, random, level: 35, sigma: 3, options, TimeSpan.FromMinutes(5));
        var probe = detector.Observe(35);
        var scale = probe.Scale;

        // Just under the single-sample threshold: no one sample is far enough out, but held it adds up.
        var observations = Enumerable.Range(0, 24).Select(_ => detector.Observe(probe.Expected + (3.3 * scale))).ToList();
        var firstFiring = observations.FindIndex(o => o.IsFiring);

        observations.Should().OnlyContain(o => Math.Abs(o.Score) < options.Threshold, "no single sample is far out");
        firstFiring.Should().BeGreaterThan(1, "one slight deviation is not an anomaly");
        firstFiring.Should().BeLessThan(12, "an hour of it is");
    }

    [Test]
    public void Observe_OneSlightDeviation_DoesNotFire()
    {
        var random = new Random(7);
        var detector = Warm(AnomalyMetric.P95Latency, random, level: 35, sigma: 3, interval: TimeSpan.FromMinutes(5));
        var scale = detector.Observe(35).Scale;

        var observations = new[] { detector.Observe(35 + (3.3 * scale)), detector.Observe(35), detector.Observe(35) };

        observations.Should().OnlyContain(o => !o.IsFiring);
    }

    [TestCase(AnomalyDirections.Both, true)]
    [TestCase(AnomalyDirections.Rise, false)]
    public void Observe_CpuCollapses_FiresOnlyWhenDropsAreWatched(AnomalyDirections directions, bool fires)
    {
        var random = new Random(3);
        var detector = Warm(AnomalyMetric.Cpu, random, level: 94, sigma: 2, new AnomalyDetectionOptions { CpuDirections = directions });

        var observations = Enumerable.Range(0, 5).Select(_ => detector.Observe(19)).ToArray();

        observations.Any(o => o.IsFiring).Should().Be(fires);
    }

    [Test]
    public void Observe_NewLevelThatLasts_IsAdoptedAndTheDetectorClears()
    {
        var random = new Random(4);
        var detector = Warm(AnomalyMetric.Memory, random, level: 200, sigma: 5);

        var observations = Enumerable.Range(0, 1000).Select(_ => detector.Observe(400 + (5 * MetricProfile.Gaussian(random)))).ToArray();

        observations[0].IsFiring.Should().BeTrue("the jump itself is an anomaly");
        observations[^1].IsFiring.Should().BeFalse("after a few hours the new level is the normal");
        observations[^1].Expected.Should().BeApproximately(400, 5);
        FiringStarts(observations).Should().Be(1, "a lasting level fires once, it does not flap");
    }

    [Test]
    public void Observe_SpikeThatRecursEveryHour_StopsAlerting()
    {
        var random = new Random(5);
        var detector = Warm(AnomalyMetric.P95Latency, random, level: 35, sigma: 3);
        var observations = new List<AnomalyObservation>();

        // Two days of a cron job that doubles latency for one sample every hour (120 samples at 30 s).
        for (var t = 0; t < 2 * MetricProfile.SamplesPerDay; t++)
        {
            observations.Add(detector.Observe(t % 120 == 0 ? 90 : 35 + (3 * MetricProfile.Gaussian(random))));
        }

        FiringStarts(observations.Take(MetricProfile.SamplesPerDay / 4)).Should().BeGreaterThan(0, "the first spikes are news");
        // 24 spikes on the second day; at most one that tops every earlier one may still be news.
        FiringStarts(observations.Skip(MetricProfile.SamplesPerDay)).Should().BeLessThanOrEqualTo(1, "by the second day the hourly spike is part of normal");
    }

    [Test]
    public void Observe_AfterReset_WarmsUpAgain()
    {
        var detector = Warm(AnomalyMetric.Cpu, new Random(6), level: 20, sigma: 2);

        detector.Reset();

        detector.BaselineCount.Should().Be(0);
        detector.Observe(90).IsWarmingUp.Should().BeTrue();
    }

    internal static int FiringStarts(IEnumerable<AnomalyObservation> observations)
    {
        var starts = 0;
        var firing = false;
        foreach (var observation in observations)
        {
            starts += observation.IsFiring && !firing ? 1 : 0;
            firing = observation.IsFiring;
        }

        return starts;
    }

    private static AnomalyDetector Warm(AnomalyMetric metric, Random random, double level, double sigma, AnomalyDetectionOptions? options = null, TimeSpan? interval = null)
    {
        var detector = new AnomalyDetector(metric, options ?? new AnomalyDetectionOptions(), interval ?? Interval);
        for (var i = 0; i < 2000; i++)
        {
            detector.Observe(level + (sigma * MetricProfile.Gaussian(random)));
        }

        detector.IsFiring.Should().BeFalse("the warm-up series is plain noise");
        return detector;
    }
}
