namespace ZepixHealth.Monitoring.Tests.Dashboard;

[TestFixture]
public sealed class DashboardWriterTests
{
    [Test]
    public void Text_Html_EscapesMarkup()
    {
        var writer = new DashboardWriter(DashboardFormat.TelegramHtml);

        writer.Text("<b>a & \"b\"</b>");

        writer.ToString().Should().Be("&lt;b&gt;a &amp; &quot;b&quot;&lt;/b&gt;");
    }

    [Test]
    public void BoldItalicCode_Html_WrapInTagsWithEscapedContent()
    {
        var writer = new DashboardWriter(DashboardFormat.TelegramHtml);

        writer.Bold("x<y").Italic("i").Code("c&d");

        writer.IsHtml.Should().BeTrue();
        writer.ToString().Should().Be("<b>x&lt;y</b><i>i</i><code>c&amp;d</code>");
    }

    [Test]
    public void BoldAndText_PlainText_NoTagsNoEscaping()
    {
        var writer = new DashboardWriter(DashboardFormat.PlainText);

        writer.Bold("<id>").Text(" & ").Line("done").Line();

        writer.IsHtml.Should().BeFalse();
        writer.ToString().Should().Be("<id> & done\n\n");
    }

    [Test]
    public void Text_PlainTextWithControlCharacters_ShownVisiblyOnOneLine()
    {
        var writer = new DashboardWriter(DashboardFormat.PlainText);

        writer.Text("a\u001b[31mred\r\nforged log line\u0007").Bold("b\tc");

        writer.ToString().Should().Be(@"a\u001b[31mred\r\nforged log line\u0007b\tc");
    }

    [Test]
    public void Text_Null_WritesNothing()
    {
        var writer = new DashboardWriter(DashboardFormat.TelegramHtml);

        writer.Text(null).Bold(null);

        writer.ToString().Should().Be("<b></b>");
    }
}
