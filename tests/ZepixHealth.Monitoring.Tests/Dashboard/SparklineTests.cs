namespace ZepixHealth.Monitoring.Tests.Dashboard;

[TestFixture]
public sealed class SparklineTests
{
    [Test]
    public void Draw_Series_ScalesFromZeroToMaximum()
    {
        Sparkline.Draw([0, 1, 2, 3, 4, 5, 6, 7]).Should().Be("▁▂▃▄▅▆▇█");
    }

    [Test]
    public void Draw_GapsAndLeadingUnknowns_MarksGapsAndDropsLeadingOnes()
    {
        Sparkline.Draw([null, null, 10, null, 5]).Should().Be("█·▅");
    }

    [Test]
    public void Draw_AllUnknown_ReturnsNull()
    {
        Sparkline.Draw([null, null]).Should().BeNull();
    }
}
