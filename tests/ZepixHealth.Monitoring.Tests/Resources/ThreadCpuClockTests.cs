namespace ZepixHealth.Monitoring.Tests.Resources;

[TestFixture]
public sealed class ThreadCpuClockTests
{
    [Test]
    public void ReadTicks_WhileSpinning_AdvancesWithTheThreadsCpuTime()
    {
        Assume.That(ThreadCpuClock.IsSupported, "this platform has no thread CPU clock");
        var before = ThreadCpuClock.ReadTicks();
        var spinFor = TimeSpan.FromMilliseconds(20).Ticks;

        while (ThreadCpuClock.ReadTicks() - before < spinFor)
        {
        }

        var spent = ThreadCpuClock.ReadTicks() - before;
        spent.Should().BeGreaterThanOrEqualTo(spinFor);
    }

    [Test]
    public void IsSupported_Linux_True()
    {
        Assume.That(OperatingSystem.IsLinux(), "the CPU clock is probed per platform");

        ThreadCpuClock.IsSupported.Should().BeTrue();
        ThreadCpuClock.ReadTicks().Should().NotBe(ThreadCpuClock.Unsupported);
    }
}
