using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Model;

[TestFixture]
public sealed class OperatorTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 12, 14, 30, 0, TimeSpan.Zero);

    [TestCase(0, "less than 1 s")]
    [TestCase(0.4, "less than 1 s")]
    [TestCase(45, "45 s")]
    [TestCase(300, "5 min")]
    [TestCase(359, "5 min")]
    [TestCase(3600, "1 h")]
    [TestCase(7800, "2 h 10 min")]
    [TestCase(86400, "1 d")]
    [TestCase(273600, "3 d 4 h")]
    [TestCase(-5, "less than 1 s")]
    public void Age_Duration_ReadsAsAnOperatorSaysIt(double seconds, string expected) =>
        OperatorTime.Age(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    [Test]
    public void ClockTime_SameDay_HoursAndMinutesInUtc() =>
        OperatorTime.ClockTime(new DateTimeOffset(2026, 1, 12, 16, 2, 59, TimeSpan.FromHours(2)), Now).Should().Be("14:02 UTC");

    [Test]
    public void ClockTime_EarlierDay_DateToo() =>
        OperatorTime.ClockTime(new DateTimeOffset(2026, 1, 11, 23, 5, 0, TimeSpan.Zero), Now).Should().Be("11 Jan 23:05 UTC");
}
