namespace ZepixHealth.Monitoring.Documentation.Tests.Blocks;

[TestFixture]
public sealed class MarkdownBlockReaderTests
{
    private const string Page = """
        # Title

        ```bash
        dotnet test   # all tests
        ```

        ## Section `with code`

        - a list item:

          ```csharp
          var x = 1;
            var y = 2;
          ```

        ~~~
        ```not a fence inside a tilde block```
        # not a heading
        ~~~

        ````json
        { "a": "```" }
        ````
        """;

    [Test]
    public void Parse_AFileWithFencesOfEveryKind_ReadsEachBlockWithLanguageHeadingAndLine()
    {
        var blocks = MarkdownBlockReader.Parse("docs/page.md", Page);

        blocks.Select(b => (b.Language, b.Heading, b.Line)).Should().Equal(
            ("bash", "Title", 3), ("csharp", "Section `with code`", 11), ("", "Section `with code`", 16), ("json", "Section `with code`", 21));
        blocks[1].Text.Should().Be("var x = 1;\n  var y = 2;", "the list item's indentation is removed, deeper indentation kept");
        blocks[2].Text.Should().Contain("# not a heading");
        blocks[3].Text.Should().Be("{ \"a\": \"```\" }", "a shorter fence inside a longer one does not close it");
    }

    [Test]
    public void Hash_OfTheSameText_IsStableAndChangesWithAnyEdit()
    {
        var block = new DocumentedBlock("README.md", "Try it", "bash", 1, "dotnet test");

        block.Hash.Should().Be(new DocumentedBlock("docs/other.md", "Other", "", 9, "dotnet test").Hash);
        block.Hash.Should().NotBe((block with { Text = "dotnet test " }).Hash);
        block.ClaimLine("shell ci").Should().Be($"README.md | Try it | {block.Hash} | shell ci");
    }
}
