using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Hosting;

/// <summary>
/// A cycle with the previous cycle's very id strings, in order, is compared without hashing: every other
/// cycle (an id gone, new strings, another order, another case) must still be compared by id.
/// </summary>
[TestFixture]
public sealed class RemovedPluginDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public void Compare_SameIdsCycleAfterCycle_NothingRemovedAndEveryIdWatched()
    {
        var detector = new RemovedPluginDetector();
        var cycle = Cycle("alpha", "beta", "gamma");
        detector.Compare(cycle);

        var removed = detector.Compare(Cycle(cycle.Select(s => s.PluginId).ToArray()));

        removed.Should().BeEmpty();
        new[] { "alpha", "beta", "gamma" }.Should().OnlyContain(id => detector.IsWatched(id));
    }

    [Test]
    public void Compare_AnIdLeavesAndLaterReturns_IsRemovedOnceAndWatchedAgain()
    {
        var detector = new RemovedPluginDetector();
        var ids = new[] { "alpha", "beta", "gamma" };
        detector.Compare(Cycle(ids));

        var first = detector.Compare(Cycle(ids[0], ids[2])).ToArray();
        var second = detector.Compare(Cycle(ids[0], ids[2])).ToArray();
        var back = detector.Compare(Cycle(ids)).ToArray();

        first.Should().Equal("beta");
        second.Should().BeEmpty();
        back.Should().BeEmpty();
        detector.IsWatched("beta").Should().BeTrue();
    }

    [Test]
    public void Compare_EqualIdsAsNewStringsInAnotherOrderAndCase_NothingRemoved()
    {
        var detector = new RemovedPluginDetector();
        detector.Compare(Cycle("alpha", "beta"));

        var removed = detector.Compare(Cycle(new string("BETA".AsSpan()), new string("Alpha".AsSpan())));

        removed.Should().BeEmpty("plugin ids are compared without regard to case");
        detector.IsWatched("alpha").Should().BeTrue();
    }

    [Test]
    public void Compare_SameCountButOneIdReplaced_TheReplacedIdIsRemoved()
    {
        var detector = new RemovedPluginDetector();
        var ids = new[] { "alpha", "beta" };
        detector.Compare(Cycle(ids));

        var removed = detector.Compare(Cycle(ids[0], "delta"));

        removed.Should().Equal("beta");
        detector.IsWatched("beta").Should().BeFalse();
        detector.IsWatched("delta").Should().BeTrue();
    }

    private static PluginHealthSnapshot[] Cycle(params string[] ids) => [.. ids.Select(id => Snapshots.Healthy(id, T0))];
}
