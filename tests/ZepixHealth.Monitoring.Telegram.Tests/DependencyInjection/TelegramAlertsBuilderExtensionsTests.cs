using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring.Telegram.Tests.DependencyInjection;

[TestFixture]
public sealed class TelegramAlertsBuilderExtensionsTests
{
    private const string Token = Support.FakeBotApiServer.Token;

    [Test]
    public void AddTelegramAlerts_CalledTwice_RegistersNothingTwice()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPluginHealthMonitoring().AddTelegramAlerts(o => o.BotToken = Token).AddTelegramAlerts(o => o.ChatIds.Add(1));

        using var provider = services.BuildServiceProvider();

        provider.GetServices<IAlertSink>().Select(s => s.Name).Should().BeEquivalentTo(["log", "telegram"]);
        provider.GetServices<IHostedService>().OfType<TelegramPollingService>().Should().ContainSingle();
        provider.GetRequiredService<IOptions<TelegramAlertOptions>>().Value.ChatIds.Should().Equal(1);
    }

    [TestCase("123456789:short")]
    [TestCase("not-a-token-at-all-but-quite-long-indeed-0123456789")]
    [TestCase("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw Q")]
    public void Options_MalformedToken_FailsAtStartWithoutShowingIt(string token)
    {
        var services = new ServiceCollection();
        services.AddPluginHealthMonitoring().AddTelegramAlerts(o =>
        {
            o.BotToken = token;
            o.ChatIds.Add(42);
        });
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<TelegramAlertOptions>>().Value;

        var thrown = read.Should().Throw<OptionsValidationException>().Which;
        thrown.Message.Should().Contain("PluginHealth:Telegram:BotToken is not a Bot API token").And.NotContain(token);
    }

    [Test]
    public void Options_NoChatsAndBadUrl_NamesEachKey()
    {
        var services = new ServiceCollection();
        services.AddPluginHealthMonitoring().AddTelegramAlerts(o =>
        {
            o.BotToken = Token;
            o.ApiBaseUrl = new Uri("ftp://example.org/");
            o.MinSendInterval = TimeSpan.FromSeconds(-1);
        });
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<TelegramAlertOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().Which.Failures.Should().BeEquivalentTo(
        [
            "PluginHealth:Telegram:ChatIds must name at least one chat.",
            "PluginHealth:Telegram:ApiBaseUrl must be an absolute http or https URL; was 'ftp://example.org/'.",
            "PluginHealth:Telegram:MinSendInterval must be from 00:00:00 to 00:01:00; was '-00:00:01'.",
        ]);
    }

    [Test]
    public void AddTelegramAlerts_FromConfiguration_BindsOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BotToken"] = Token,
            ["ChatIds:0"] = "-1001234567890",
            ["ApiBaseUrl"] = "http://127.0.0.1:8081/",
            ["EnableLongPolling"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddPluginHealthMonitoring().AddTelegramAlerts(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<TelegramAlertOptions>>().Value;

        options.ChatIds.Should().Equal(-1001234567890);
        options.ApiBaseUrl.Should().Be(new Uri("http://127.0.0.1:8081/"));
        options.EnableLongPolling.Should().BeTrue();
    }
}
