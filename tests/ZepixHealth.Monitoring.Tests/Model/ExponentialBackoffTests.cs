using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Model;

[TestFixture]
public sealed class ExponentialBackoffTests
{
    private static readonly ExponentialBackoff Backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    [Test]
    public void DelayAfter_FirstFailure_IsTheFirstDelay()
    {
        Backoff.DelayAfter(1).Should().Be(TimeSpan.FromSeconds(1));
    }

    [TestCase(2, 2)]
    [TestCase(3, 4)]
    [TestCase(4, 8)]
    [TestCase(6, 32)]
    public void DelayAfter_EachFurtherFailure_DoublesTheDelay(int failures, int expectedSeconds)
    {
        Backoff.DelayAfter(failures).Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [TestCase(7)]
    [TestCase(20)]
    public void DelayAfter_DoublingPassesTheCap_IsTheCap(int failures)
    {
        Backoff.DelayAfter(failures).Should().Be(TimeSpan.FromMinutes(1));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    public void DelayAfter_NoFailuresOrNegative_IsTheFirstDelay(int failures)
    {
        Backoff.DelayAfter(failures).Should().Be(TimeSpan.FromSeconds(1));
    }

    [TestCase(31)]
    [TestCase(64)]
    [TestCase(1_000)]
    [TestCase(int.MaxValue)]
    public void DelayAfter_HugeFailureCount_IsTheCapWithoutOverflow(int failures)
    {
        Backoff.DelayAfter(failures).Should().Be(TimeSpan.FromMinutes(1));
    }

    [Test]
    public void DelayAfter_HugeFailureCountWithAnUnboundedCap_DoesNotOverflowToANegativeDelay()
    {
        var unbounded = new ExponentialBackoff(TimeSpan.FromDays(1), TimeSpan.MaxValue);

        var delays = new[] { 1, 20, 40, 64, int.MaxValue }.Select(unbounded.DelayAfter).ToList();

        delays.Should().AllSatisfy(d => d.Should().BePositive());
        delays.Should().BeInAscendingOrder();
        delays[^1].Should().Be(TimeSpan.MaxValue);
    }

    [Test]
    public void DelayAfter_FirstAboveTheCap_IsTheCap()
    {
        var odd = new ExponentialBackoff(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));

        odd.DelayAfter(1).Should().Be(TimeSpan.FromMinutes(1));
    }

    [Test]
    public void DelayAfter_SmallFirstManyFailures_NeverDecreases()
    {
        var tiny = new ExponentialBackoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));

        var delays = Enumerable.Range(1, 100).Select(tiny.DelayAfter).ToList();

        delays.Should().BeInAscendingOrder();
        delays[^1].Should().Be(TimeSpan.FromHours(1));
    }
}
