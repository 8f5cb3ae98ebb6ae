namespace ZepixHealth.Monitoring.Tests.Evaluation.Anomalies;

[TestFixture]
public sealed class PluginAnomalyDetectorsTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Test]
    public void Observe_WarmedUpWithSteadyFigures_EachDetectorLearnsItsOwnFigure()
    {
        var detectors = new PluginAnomalyDetectors("v3-combined", new AnomalyDetectionOptions(), Interval);
        var snapshot = Snapshots.WithValues("v3-combined", p95: 35, errorRate: 0.5, memory: 220, cpu: 20, signals: 120, orders: 30);
        Span<AnomalyObservation> results = stackalloc AnomalyObservation[AnomalyMetricExtensions.Count];

        for (var i = 0; i < 200; i++)
        {
            detectors.Observe(snapshot, results);
        }

        results.ToArray().Select(r => r.Expected).Should().Equal(35, 0.5, 220, 20, 120, 30);
        results.ToArray().Select(r => r.Metric).Should().Equal(Enum.GetValues<AnomalyMetric>());
        results.ToArray().Should().OnlyContain(r => r.IsJudged && !r.IsAnomalous);
    }

    [Test]
    public void Observe_SignalsStop_OnlyTheSignalsDetectorFires()
    {
        var detectors = new PluginAnomalyDetectors("v6-price-action-5m", new AnomalyDetectionOptions(), Interval);
        var normal = Snapshots.WithValues("V6-PRICE-ACTION-5M", p95: 35, errorRate: 0.5, memory: 220, cpu: 20, signals: 120, orders: 30);
        var silent = normal with { Performance = normal.Performance with { SignalsProcessed1h = 0 } };
        var results = new AnomalyObservation[AnomalyMetricExtensions.Count];

        for (var i = 0; i < 200; i++)
        {
            detectors.Observe(normal, results);
        }

        for (var i = 0; i < 3; i++)
        {
            detectors.Observe(silent, results);
        }

        results.Where(r => r.IsFiring).Select(r => r.Metric).Should().Equal(AnomalyMetric.SignalsPerHour);
        detectors[AnomalyMetric.SignalsPerHour].IsFiring.Should().BeTrue();
    }

    [Test]
    public void Observe_Disabled_EverythingSkipped()
    {
        var detectors = new PluginAnomalyDetectors("p", new AnomalyDetectionOptions { Enabled = false }, Interval);
        var results = new AnomalyObservation[AnomalyMetricExtensions.Count];

        detectors.Observe(Snapshots.WithValues("p", p95: 1, signals: 0), results);

        detectors.IsEnabled.Should().BeFalse();
        results.Should().OnlyContain(r => r.IsSkipped && !r.IsFiring);
    }

    [Test]
    public void Observe_AnotherPluginsSnapshot_Throws()
    {
        var detectors = new PluginAnomalyDetectors("p", new AnomalyDetectionOptions(), Interval);

        var act = () => detectors.Observe(Snapshots.WithValues("q"), new AnomalyObservation[6]);

        act.Should().Throw<ArgumentException>().WithMessage("*'q'*'p'*");
    }

    [Test]
    public void Observe_ResultsTooShort_Throws()
    {
        var detectors = new PluginAnomalyDetectors("p", new AnomalyDetectionOptions(), Interval);

        var act = () => detectors.Observe(Snapshots.WithValues("p"), new AnomalyObservation[5]);

        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Observe_SteadyState_AllocatesNothing()
    {
        var detectors = new PluginAnomalyDetectors("p", new AnomalyDetectionOptions(), Interval);
        var snapshots = Enumerable.Range(0, 50)
            .Select(i => Snapshots.WithValues("p", p95: 35 + (i % 7), errorRate: 0.5, memory: 220 + i, cpu: 20, signals: 120 - (i % 5), orders: i % 10 == 0 ? null : 30))
            .ToArray();
        var results = new AnomalyObservation[AnomalyMetricExtensions.Count];
        // One loop, measured after its first 500 rounds: those warm the detectors and let the JIT tier the loop up.
        var before = 0L;
        for (var i = 0; i < 5500; i++)
        {
            if (i == 500)
            {
                before = GC.GetAllocatedBytesForCurrentThread();
            }

            detectors.Observe(snapshots[i % snapshots.Length], results);
        }

        GC.GetAllocatedBytesForCurrentThread().Should().Be(before);
    }

    [Test]
    public void Observe_WarmingUp_AllocatesOnlyTheDetectors()
    {
        var settings = AnomalyDetectorSettings.ForEveryMetric(new AnomalyDetectionOptions(), Interval);
        var results = new AnomalyObservation[AnomalyMetricExtensions.Count];
        var everything = Snapshots.WithValues("p", p95: 35, errorRate: 0.5, memory: 210, cpu: 18, signals: 120, orders: 30);
        new PluginAnomalyDetectors("p", settings).Observe(everything, results); // JIT and static tables out of the way

        var before = GC.GetAllocatedBytesForCurrentThread();
        var detectors = new PluginAnomalyDetectors("p", settings);
        for (var i = 0; i < settings[0].WarmUpSamples; i++)
        {
            detectors.Observe(everything, results);
        }

        var warmingUp = GC.GetAllocatedBytesForCurrentThread() - before;
        detectors.Observe(everything, results);
        var judging = GC.GetAllocatedBytesForCurrentThread() - before;

        TestContext.Out.WriteLine($"a new plugin: {warmingUp} bytes through its warm-up, {judging} once it judges");
        results[(int)AnomalyMetric.P95Latency].IsJudged.Should().BeTrue();
        warmingUp.Should().BeLessThan(judging / 4, "a plugin's first cycles make no tables");
    }

    [Test]
    public void Observe_MetricsNeverReported_MakeNoTables()
    {
        var settings = AnomalyDetectorSettings.ForEveryMetric(new AnomalyDetectionOptions(), Interval);
        long AllocatedThroughWarmUp(PluginHealthSnapshot sample)
        {
            var results = new AnomalyObservation[AnomalyMetricExtensions.Count];
            var before = GC.GetAllocatedBytesForCurrentThread();
            var detectors = new PluginAnomalyDetectors("p", settings);
            for (var i = 0; i <= settings[0].WarmUpSamples; i++)
            {
                detectors.Observe(sample, results);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        AllocatedThroughWarmUp(Snapshots.WithValues("p", p95: 35)); // JIT out of the way
        var lean = AllocatedThroughWarmUp(Snapshots.WithValues("p", p95: 35));
        var full = AllocatedThroughWarmUp(Snapshots.WithValues("p", p95: 35, errorRate: 0.5, memory: 210, cpu: 18, signals: 120, orders: 30));

        TestContext.Out.WriteLine($"judging: {lean} bytes with one metric reported, {full} with six");
        lean.Should().BeLessThan(full / 3, "five metrics never reported make no tables");
    }

    [Test]
    public void Observe_AnyCadence_HoldsAFixedSmallStatePerPlugin()
    {
        var options = new AnomalyDetectionOptions();
        const int Plugins = 2000;
        double RetainedBytesPerPlugin(TimeSpan interval)
        {
            // As the evaluator holds them: settings shared, every metric reported past the warm-up (its tables made).
            var settings = AnomalyDetectorSettings.ForEveryMetric(options, interval);
            var sample = Snapshots.WithValues("p", p95: 35, errorRate: 0.5, memory: 210, cpu: 18, signals: 120, orders: 30);
            var results = new AnomalyObservation[AnomalyMetricExtensions.Count];
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var detectors = Enumerable.Range(0, Plugins).Select(i => new PluginAnomalyDetectors("p", settings)).ToArray();
            foreach (var detector in detectors)
            {
                for (var i = 0; i <= settings[0].WarmUpSamples; i++)
                {
                    detector.Observe(sample, results);
                }
            }

            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(detectors);
            return (after - before - (Plugins * 8.0)) / Plugins;
        }

        var fast = RetainedBytesPerPlugin(TimeSpan.FromSeconds(30));
        var slow = RetainedBytesPerPlugin(TimeSpan.FromMinutes(5));

        TestContext.Out.WriteLine($"state per plugin: {fast:0} bytes at 30 s, {slow:0} at 5 min ({fast / 6:0} per metric)");
        fast.Should().BeApproximately(slow, 0.1 * slow, "the state does not grow with the cadence");
        fast.Should().BeLessThan(8 * 1024, "six detectors fit in a few KB");
    }
}
