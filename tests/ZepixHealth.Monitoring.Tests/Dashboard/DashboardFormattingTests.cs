namespace ZepixHealth.Monitoring.Tests.Dashboard;

[TestFixture]
public sealed class DashboardFormattingTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCase(45, "45 s ago")]
    [TestCase(180, "3 min ago")]
    [TestCase(7200, "2 h ago")]
    [TestCase(4 * 86400, "4 d ago")]
    [TestCase(-10, "0 s ago")]
    public void Ago_Seconds_UsesLargestUnit(int seconds, string expected)
    {
        DashboardFormatting.Ago(Now.AddSeconds(-seconds), Now).Should().Be(expected);
    }

    [TestCase(45, "45s")]
    [TestCase(310, "5m 10s")]
    [TestCase(7500, "2h 05m")]
    [TestCase(273600, "3d 04h")]
    public void Duration_Seconds_UsesTwoLargestUnits(int seconds, string expected)
    {
        DashboardFormatting.Duration(TimeSpan.FromSeconds(seconds)).Should().Be(expected);
    }

    [Test]
    public void Number_Unknown_IsNotAvailableNeverZero()
    {
        DashboardFormatting.Number((double?)null).Should().Be("n/a");
        DashboardFormatting.Duration(null).Should().Be("n/a");
    }
}
