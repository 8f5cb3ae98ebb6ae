namespace ZepixHealth.Monitoring.Tests.Dashboard;

[TestFixture]
public sealed class DashboardMessageSplitterTests
{
    [Test]
    public void VisibleLength_TagsAndEntities_CountsWhatTelegramShows()
    {
        DashboardMessageSplitter.VisibleLength("<b>a&amp;b</b>&lt;&#128994;🟢", DashboardFormat.TelegramHtml).Should().Be(3 + 1 + 2 + 2);
    }

    [Test]
    public void Split_LinesOverLimit_SplitsBetweenLines()
    {
        var text = "<b>head</b>\n" + string.Join('\n', Enumerable.Range(0, 10).Select(i => $"<i>line {i}</i> &amp; more"));

        var messages = DashboardMessageSplitter.Split(text, DashboardFormat.TelegramHtml, limit: 40);

        // "head" is 4 visible units, each line 13, each line break 1: 32 fit, 41 do not.
        messages.Should().Equal(
            "<b>head</b>\n<i>line 0</i> &amp; more\n<i>line 1</i> &amp; more",
            "<i>line 2</i> &amp; more\n<i>line 3</i> &amp; more",
            "<i>line 4</i> &amp; more\n<i>line 5</i> &amp; more",
            "<i>line 6</i> &amp; more\n<i>line 7</i> &amp; more",
            "<i>line 8</i> &amp; more\n<i>line 9</i> &amp; more");
    }

    [Test]
    public void Split_LineLongerThanLimit_ClosesAndReopensTagsAndKeepsEntitiesWhole()
    {
        var text = "<code>" + string.Concat(Enumerable.Repeat("&lt;🟢", 10)) + "</code>";

        var messages = DashboardMessageSplitter.Split(text, DashboardFormat.TelegramHtml, limit: 16);

        // 16 visible units: five "<🟢" (3 each) and one "<"; the pair and the entity stay whole.
        messages.Should().Equal(
            "<code>&lt;🟢&lt;🟢&lt;🟢&lt;🟢&lt;🟢&lt;</code>",
            "<code>🟢&lt;🟢&lt;🟢&lt;🟢&lt;🟢</code>");
    }

    [Test]
    public void Split_PlainText_CountsCharactersAndDropsLeadingBlankLines()
    {
        var messages = DashboardMessageSplitter.Split("aaaaaaaaaaaaaaaaaaaa\n\nbbbbbbbbbbbbbbbbbbbb\n", DashboardFormat.PlainText, limit: 21);

        messages.Should().Equal("aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb");
    }
}
