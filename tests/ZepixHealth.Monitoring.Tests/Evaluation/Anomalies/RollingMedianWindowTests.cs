namespace ZepixHealth.Monitoring.Tests.Evaluation.Anomalies;

[TestFixture]
public sealed class RollingMedianWindowTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(7)]
    [TestCase(120)]
    public void Add_RandomValuesWithTiesPastCapacity_MedianAndMadMatchSortingTheLastValues(int capacity)
    {
        var random = new Random(capacity);
        var window = new RollingMedianWindow(capacity);
        var all = new List<double>();

        for (var i = 0; i < 1000; i++)
        {
            // Few distinct values, so that ties (and removing one of several equal values) are exercised.
            var value = random.Next(0, 20) * 0.5;
            window.Add(value);
            all.Add(value);

            var last = all.Skip(Math.Max(0, all.Count - capacity)).ToArray();
            var median = NaiveMedian(last);
            window.Count.Should().Be(last.Length);
            window.Median().Should().Be(median);
            window.MedianAbsoluteDeviation(median).Should().Be(NaiveMedian(last.Select(v => Math.Abs(v - median)).ToArray()));
        }
    }

    [Test]
    public void Clear_AfterValues_EmptiesTheWindow()
    {
        var window = new RollingMedianWindow(4);
        window.Add(1);
        window.Add(2);

        window.Clear();
        window.Add(10);

        window.Count.Should().Be(1);
        window.Median().Should().Be(10);
        window.MedianAbsoluteDeviation(10).Should().Be(0);
    }

    [Test]
    public void Median_Empty_IsNaN()
    {
        new RollingMedianWindow(3).Median().Should().Be(double.NaN);
    }

    private static double NaiveMedian(double[] values)
    {
        var sorted = values.Order().ToArray();
        var half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }
}
