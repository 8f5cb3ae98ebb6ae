namespace ZepixHealth.Monitoring.Telegram.Tests;

[TestFixture]
public sealed class TelegramAlertOptionsValidatorTests
{
    private const string Token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

    private static readonly TelegramAlertOptionsValidator Validator = new();

    [Test]
    public void Validate_TokenAndChat_Succeeds()
    {
        Validator.Validate(null, Valid()).Succeeded.Should().BeTrue();
    }

    [Test]
    public void Validate_Empty_NamesTokenAndChats()
    {
        var result = Validator.Validate(null, new TelegramAlertOptions());

        result.Failures.Should().Contain("PluginHealth:Telegram:BotToken is required.")
            .And.Contain("PluginHealth:Telegram:ChatIds must name at least one chat.");
    }

    [Test]
    public void Validate_MalformedToken_SaysWhyWithoutShowingIt()
    {
        var options = Valid();
        options.BotToken = "not-a-token-secret";

        var failure = Validator.Validate(null, options).Failures.Should().ContainSingle().Subject;

        failure.Should().Contain("is not a Bot API token").And.Contain("18 characters given").And.NotContain("not-a-token-secret");
    }

    [Test]
    public void Validate_ChatZero_Rejected()
    {
        var options = Valid();
        options.ChatIds.Add(0);

        Validator.Validate(null, options).Failures.Should().ContainSingle().Which.Should().Contain("contains 0");
    }

    [Test]
    public void Validate_RelativeOrFtpApiUrl_Rejected()
    {
        var options = Valid();
        options.ApiBaseUrl = new Uri("ftp://example.org/");

        Validator.Validate(null, options).Failures.Should().ContainSingle().Which.Should().StartWith("PluginHealth:Telegram:ApiBaseUrl");
    }

    [Test]
    public void Validate_OutOfRangeIntervals_NamesEach()
    {
        var options = Valid();
        options.MinSendInterval = TimeSpan.FromMinutes(2);
        options.PollingTimeout = TimeSpan.FromSeconds(-1);
        options.SinkName = " ";

        Validator.Validate(null, options).Failures.Should().HaveCount(3)
            .And.Contain(f => f.StartsWith("PluginHealth:Telegram:MinSendInterval", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("PluginHealth:Telegram:PollingTimeout", StringComparison.Ordinal))
            .And.Contain("PluginHealth:Telegram:SinkName is required.");
    }

    [Test]
    public void Validate_TopicOfAChatNotListedOrNotPositive_NamesChatAndValue()
    {
        var options = Valid();
        options.MessageThreadIds[42] = 12;
        options.MessageThreadIds[-100] = 3;
        options.MessageThreadIds[42] = 0;

        Validator.Validate(null, options).Failures.Should().BeEquivalentTo(
            "PluginHealth:Telegram:MessageThreadIds names chat -100, which is not in PluginHealth:Telegram:ChatIds.",
            "PluginHealth:Telegram:MessageThreadIds:42 must be a forum topic id greater than 0; was 0.");
    }

    [Test]
    public void Validate_TopicOfAListedChat_Succeeds()
    {
        var options = Valid();
        options.MessageThreadIds[42] = 12;

        Validator.Validate(null, options).Succeeded.Should().BeTrue();
    }

    private static TelegramAlertOptions Valid()
    {
        var options = new TelegramAlertOptions { BotToken = Token };
        options.ChatIds.Add(42);
        return options;
    }
}
