using System.Text;
using ZepixHealth.Monitoring.Documentation.Tests.Blocks;

namespace ZepixHealth.Monitoring.Documentation.Tests;

/// <summary>
/// Every fenced block in README.md, CONTRIBUTING.md, docs/ and the packages' READMEs is claimed in
/// documented-blocks.txt by a check that runs it; a new or edited block without one fails here with the line to add.
/// </summary>
[TestFixture]
public sealed class DocumentationCoverageTests
{
    private static readonly Dictionary<string, string[]> KindsByLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csharp"] = ["csharp program", "csharp api", "csharp host", "csharp plugin", "test"],
        ["json"] = ["json configuration", "json response", "json output", "test"],
        ["bash"] = ["shell ci", "shell commands", "test"],
        [""] = ["output", "shell commands", "diagram", "layout", "test"],
    };

    [Test]
    public void EveryBlock_IsClaimedByACheck()
    {
        var problems = new StringBuilder();
        foreach (var block in BlockCatalog.AllBlocks.Where(b => !BlockCatalog.Claims.Any(c => c.Claims(b))))
        {
            problems.AppendLine(Unclaimed(block));
        }

        problems.ToString().Should().BeEmpty();
    }

    [Test]
    public void EveryClaim_NamesABlockThatExists()
    {
        var stale = BlockCatalog.Claims.Where(c => !BlockCatalog.AllBlocks.Any(c.Claims))
            .Select(c => $"{BlockCatalog.Path}:{c.CatalogLine} claims a block that is no longer there: '{c}'. "
                + "Remove the line, or (when the block was edited) use the line the failure of EveryBlock_IsClaimedByACheck gives.");

        stale.Should().BeEmpty();
    }

    [Test]
    public void EveryClaim_NamesACheckThatFitsTheBlocksLanguage()
    {
        var problems = new List<string>();
        foreach (var claim in BlockCatalog.Claims)
        {
            var kind = BlockCatalog.KindOf(claim);
            var block = BlockCatalog.AllBlocks.FirstOrDefault(claim.Claims);
            if (kind is null)
            {
                problems.Add($"{BlockCatalog.Path}:{claim.CatalogLine}: '{claim.Check}' is not a check; the checks are listed at the top of that file.");
            }
            else if (block is not null && !(KindsByLanguage.TryGetValue(block.Language, out var kinds) ? kinds : ["test"]).Contains(kind))
            {
                problems.Add($"{BlockCatalog.Path}:{claim.CatalogLine}: a ```{block.Language} block cannot be checked as '{kind}'.");
            }
        }

        problems.Should().BeEmpty();
    }

    [Test]
    public void DocumentationFiles_IncludeEveryPage()
    {
        var files = MarkdownBlockReader.DocumentationFiles();

        files.Should().Contain(["README.md", "CONTRIBUTING.md", "docs/schema.md", "templates/ZepixHealth.Monitoring.Templates/README.md"]);
        BlockCatalog.AllBlocks.Should().Contain(b => b.File == "docs/resources.md" && b.Language == "csharp", "an indented block inside a list item is a block too");
    }

    /// <summary>What a maintainer needs to claim a block: where it is, how it starts, and the line to add.</summary>
    private static string Unclaimed(DocumentedBlock block)
    {
        var edited = BlockCatalog.Claims.FirstOrDefault(c => c.File == block.File && c.Heading == block.Heading && !BlockCatalog.AllBlocks.Any(c.Claims));
        var check = edited?.Check ?? Suggested(block);
        var message = new StringBuilder()
            .AppendLine($"{block.File}:{block.Line}, under \"{block.Heading}\": a ```{block.Language} block that no test runs, starting")
            .AppendLine($"    {block.FirstLine}")
            .AppendLine($"  Claim it in {BlockCatalog.Path} with the check that runs it (the checks are listed at the top of that file):")
            .AppendLine($"    {block.ClaimLine(check)}");
        if (edited is not null)
        {
            message.AppendLine($"  replacing line {edited.CatalogLine}, which named the block before it was edited:")
                .AppendLine($"    {edited}");
        }

        return message.ToString();
    }

    private static string Suggested(DocumentedBlock block) => block.Language switch
    {
        "csharp" => "csharp host",
        "json" => "json configuration",
        "bash" => "shell commands",
        "sql" => "test SchemaDocQueriesTests.Query_AsDocumented_ReturnsRows",
        _ => "output <the folder or file of the code that prints it>",
    };
}
