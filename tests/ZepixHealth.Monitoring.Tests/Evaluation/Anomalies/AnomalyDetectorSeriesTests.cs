namespace ZepixHealth.Monitoring.Tests.Evaluation.Anomalies;

/// <summary>The detector on whole series: seeded synthetic noise, and real labelled NAB series.</summary>
[TestFixture]
public sealed class AnomalyDetectorSeriesTests
{
    private const int Days = 3;

    private static IEnumerable<TestCaseData> NoiseCases() =>
        from profile in MetricProfile.All
        from kind in Enum.GetValues<NoiseKind>()
        select new TestCaseData(profile.Metric, kind).SetName($"Observe_{kind}NoiseOnly_{profile.Metric}_AtMostTwoAlertsPerDay");

    [TestCaseSource(nameof(NoiseCases))]
    public void Observe_NoiseOnly_AtMostTwoAlertsPerDay(AnomalyMetric metric, NoiseKind kind)
    {
        var profile = MetricProfile.All.Single(p => p.Metric == metric);
        var random = new Random(((int)metric * 10) + (int)kind);
        var detector = new AnomalyDetector(profile.Metric, new AnomalyDetectionOptions(), TimeSpan.FromSeconds(30));

        var observations = Enumerable.Range(0, Days * MetricProfile.SamplesPerDay).Select(t => detector.Observe(profile.Noise(kind, random, t, phase: 1))).ToArray();

        // RarityInterval (12 h) bounds what noise alone can raise to about two alerts a day.
        AnomalyDetectorTests.FiringStarts(observations.Skip(MetricProfile.SamplesPerDay / 2)).Should().BeLessThanOrEqualTo((2 * Days) + 1);
    }

    [TestCase("artificialNoAnomaly/art_daily_small_noise.csv")]
    [TestCase("artificialNoAnomaly/art_noisy.csv")]
    [TestCase("artificialNoAnomaly/art_flatline.csv")]
    public void Observe_RealSeriesWithoutAnomalies_FewerThanHalfAnAlertADay(string name)
    {
        var series = NabSeries.Load(name);

        var alerts = series.FiringStarts().Count(row => row >= series.ProbationRows);

        series.ScoredDays.Should().BeGreaterThan(11);
        (alerts / series.ScoredDays).Should().BeLessThan(0.5);
    }

    [TestCase("artificialWithAnomaly/art_daily_jumpsup.csv")]
    [TestCase("realKnownCause/rogue_agent_key_updown.csv")]
    [TestCase("realTraffic/occupancy_t4013.csv")]
    [TestCase("realAdExchange/exchange-3_cpc_results.csv")]
    public void Observe_RealLabelledSeries_DetectsEveryWindowWithFewFalseAlerts(string name)
    {
        var series = NabSeries.Load(name);

        var starts = series.FiringStarts().Where(row => row >= series.ProbationRows).ToArray();

        series.Windows.Should().OnlyContain(w => starts.Any(row => w.Start <= row && row <= w.End), "each labelled window has a detection");
        var falseAlerts = starts.Count(row => !series.Windows.Any(w => w.Start <= row && row <= w.End));
        (falseAlerts / series.ScoredDays).Should().BeLessThan(1, "an operator gets less than one false alert a day");
    }
}
