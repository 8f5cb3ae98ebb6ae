namespace ZepixHealth.Monitoring.Telegram.Tests;

[TestFixture]
public sealed class TelegramDurationTests
{
    [TestCase("30m", 0, 30, 0)]
    [TestCase("2h", 2, 0, 0)]
    [TestCase("1d", 24, 0, 0)]
    [TestCase("1w", 168, 0, 0)]
    [TestCase("1h30m", 1, 30, 0)]
    [TestCase("90S", 0, 1, 30)]
    [TestCase("01:15:00", 1, 15, 0)]
    public void TryParse_Valid_Duration(string text, int hours, int minutes, int seconds)
    {
        TelegramDuration.TryParse(text, out var duration).Should().BeTrue();

        duration.Should().Be(new TimeSpan(hours, minutes, seconds));
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase("30")]
    [TestCase("m")]
    [TestCase("5x")]
    [TestCase("0m")]
    [TestCase("1234567m")]
    [TestCase("-01:00:00")]
    [TestCase("1h-")]
    public void TryParse_Invalid_False(string text)
    {
        TelegramDuration.TryParse(text, out _).Should().BeFalse();
    }
}
