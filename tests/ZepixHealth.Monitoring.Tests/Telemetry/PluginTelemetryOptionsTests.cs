namespace ZepixHealth.Monitoring.Tests.Telemetry;

[TestFixture]
public sealed class PluginTelemetryOptionsTests
{
    [Test]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new PluginTelemetryOptions();

        options.Window.Should().Be(TimeSpan.FromHours(1));
        options.SubWindowCount.Should().Be(12);
    }

    [TestCase(0)]
    [TestCase(59)]
    [TestCase(86_401)]
    [TestCase(-60)]
    public void Validate_WindowOutOfRange_ThrowsNamingSettingAndValue(int seconds)
    {
        var options = new PluginTelemetryOptions { Window = TimeSpan.FromSeconds(seconds) };

        var act = options.Validate;

        act.Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == nameof(PluginTelemetryOptions.Window))
            .WithMessage($"*PluginTelemetryOptions.Window was {TimeSpan.FromSeconds(seconds):c}*");
    }

    [TestCase(1)]
    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(25)]
    public void Validate_SubWindowCountOutOfRange_ThrowsNamingSettingAndValue(int count)
    {
        var options = new PluginTelemetryOptions { SubWindowCount = count };

        var act = options.Validate;

        act.Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == nameof(PluginTelemetryOptions.SubWindowCount))
            .WithMessage($"*PluginTelemetryOptions.SubWindowCount was {count};*between 2 and 24*");
    }

    [TestCase(60, 2)]
    [TestCase(86_400, 24)]
    public void Validate_Limits_AreAccepted(int seconds, int count)
    {
        var options = new PluginTelemetryOptions { Window = TimeSpan.FromSeconds(seconds), SubWindowCount = count };

        var act = options.Validate;

        act.Should().NotThrow();
    }

    [Test]
    public void PluginTelemetryCtor_InvalidOptions_Throws()
    {
        var act = () => new PluginTelemetry(new FakeTimeProvider(), new PluginTelemetryOptions { SubWindowCount = 100 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*SubWindowCount was 100*");
    }
}
