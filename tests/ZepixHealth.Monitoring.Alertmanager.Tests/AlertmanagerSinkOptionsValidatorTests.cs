namespace ZepixHealth.Monitoring.Alertmanager.Tests;

public class AlertmanagerSinkOptionsValidatorTests
{
    [Test]
    public void Validate_NoUrl_FailsSayingWhatToSet()
    {
        var result = new AlertmanagerSinkOptionsValidator().Validate(null, new AlertmanagerSinkOptions());

        result.Failures.Should().ContainSingle().Which.Should().StartWith("PluginHealth:Alertmanager:Urls must name at least one Alertmanager");
    }

    [Test]
    public void Validate_BadValues_FailForEachNamingKeyAndValue()
    {
        var options = new AlertmanagerSinkOptions { RepostInterval = TimeSpan.FromHours(2), RequestTimeout = TimeSpan.Zero, Instance = " " };
        options.Urls.Add(new Uri("ftp://alertmanager/"));

        var result = new AlertmanagerSinkOptionsValidator().Validate(null, options);

        result.Failures.Should().BeEquivalentTo(
            "PluginHealth:Alertmanager:Urls must hold absolute http or https addresses; was 'ftp://alertmanager/'.",
            "PluginHealth:Alertmanager:RepostInterval must be between 00:00:01 and 01:00:00; was '02:00:00'.",
            "PluginHealth:Alertmanager:RequestTimeout must be between 00:00:00.1 and 00:05:00; was '00:00:00'.",
            "PluginHealth:Alertmanager:Instance must not be empty; was ' '.");
    }
}
