using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring.Telegram.Tests;

[TestFixture]
public sealed class TelegramAlertClientTests
{
    private const string Token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

    [Test]
    public void Client_ReadTwice_CreatedOnceForTheConfiguredBot()
    {
        var client = new TelegramAlertClient(Options.Create(new TelegramAlertOptions { BotToken = Token }));

        var first = client.Client;

        client.Client.Should().BeSameAs(first);
        first.BotId.Should().Be(123456789);
        client.Token.Should().Be(Token);
    }

    [Test]
    public void Client_OptionsChangedBeforeFirstUse_UsesTheOptionsAtFirstUse()
    {
        var options = new TelegramAlertOptions { BotToken = "1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" };
        var client = new TelegramAlertClient(Options.Create(options));

        options.BotToken = Token;

        client.Client.BotId.Should().Be(123456789, "the client is created lazily");
    }
}
