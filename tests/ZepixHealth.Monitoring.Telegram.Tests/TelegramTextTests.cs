namespace ZepixHealth.Monitoring.Telegram.Tests;

[TestFixture]
public sealed class TelegramTextTests
{
    private const string Token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

    [Test]
    public void ToPlain_Html_TagsDroppedAndEntitiesDecoded()
    {
        TelegramText.ToPlain("<b>v3 &amp; v6</b>: <code>&lt;5 ms</code>").Should().Be("v3 & v6: <5 ms");
    }

    [Test]
    public void Redact_WholeToken_Replaced()
    {
        TelegramText.Redact($"GET https://api.telegram.org/bot{Token}/sendMessage failed", Token)
            .Should().Be("GET https://api.telegram.org/bot<token>/sendMessage failed");
    }

    [Test]
    public void Redact_SecretPartAlone_Replaced()
    {
        TelegramText.Redact("secret AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ leaked", Token).Should().Be("secret <token> leaked");
    }

    [Test]
    public void Redact_NullTextOrNoToken_ReturnedAsIs()
    {
        TelegramText.Redact(null, Token).Should().BeEmpty();
        TelegramText.Redact("plain", string.Empty).Should().Be("plain");
    }
}
