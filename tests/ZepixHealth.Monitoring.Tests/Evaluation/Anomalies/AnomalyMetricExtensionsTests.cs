namespace ZepixHealth.Monitoring.Tests.Evaluation.Anomalies;

[TestFixture]
public sealed class AnomalyMetricExtensionsTests
{
    [TestCase(AnomalyMetric.P95Latency, "anomaly.p95_latency", AnomalyDirections.Rise)]
    [TestCase(AnomalyMetric.ErrorRate, "anomaly.error_rate", AnomalyDirections.Rise)]
    [TestCase(AnomalyMetric.Memory, "anomaly.memory", AnomalyDirections.Rise)]
    [TestCase(AnomalyMetric.Cpu, "anomaly.cpu", AnomalyDirections.Both)]
    [TestCase(AnomalyMetric.SignalsPerHour, "anomaly.signals_per_hour", AnomalyDirections.Both)]
    [TestCase(AnomalyMetric.OrdersPerHour, "anomaly.orders_per_hour", AnomalyDirections.Both)]
    public void RuleIdAndDefaultDirections_EachMetric_AsDocumented(AnomalyMetric metric, string ruleId, AnomalyDirections directions)
    {
        metric.RuleId().Should().Be(ruleId);
        metric.Directions(new AnomalyDetectionOptions()).Should().Be(directions);
    }

    [Test]
    public void All_EveryEnumValueInOrder()
    {
        AnomalyMetricExtensions.All.ToArray().Should().Equal(Enum.GetValues<AnomalyMetric>());
        AnomalyMetricExtensions.All.Length.Should().Be(AnomalyMetricExtensions.Count);
        Enum.GetValues<AnomalyMetric>().Select(m => (int)m).Should().Equal(Enumerable.Range(0, AnomalyMetricExtensions.Count));
    }

    [Test]
    public void ReadValue_Snapshot_ReadsEachMetricFromItsFigure()
    {
        var snapshot = Snapshots.WithValues("p", p95: 1, errorRate: 2, memory: 3, cpu: 4, signals: 5, orders: 6);

        Enum.GetValues<AnomalyMetric>().Select(m => m.ReadValue(snapshot)).Should().Equal(1d, 2d, 3d, 4d, 5d, 6d);
    }

    [Test]
    public void ReadValue_UnknownFigures_Null()
    {
        var snapshot = Snapshots.WithValues("p");

        Enum.GetValues<AnomalyMetric>().Select(m => m.ReadValue(snapshot)).Should().OnlyContain(v => v == null);
    }
}
