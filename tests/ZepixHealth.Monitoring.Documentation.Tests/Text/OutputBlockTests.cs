using System.Text.Json;
using System.Text.RegularExpressions;
using ZepixHealth.Monitoring.Documentation.Tests.Blocks;

namespace ZepixHealth.Monitoring.Documentation.Tests.Text;

/// <summary>
/// Blocks that show rather than run: output samples, JSON responses, diagrams and the repository layout, each
/// checked against the code or tree it shows.
/// </summary>
[TestFixture]
public sealed partial class OutputBlockTests
{
    public static IEnumerable<TestCaseData> Claimed(string kind) =>
        BlockCatalog.Claimed(kind).Select(c => new TestCaseData(c.Block, c.Claim.Argument(kind)).SetName($"{kind}({c.Block.File}:{c.Block.Line})"));

    /// <summary>"output &lt;paths&gt;": every "label:" that starts a line of the sample is printed by the code under those paths.</summary>
    [TestCaseSource(nameof(Claimed), new object[] { "output" })]
    public void OutputSample_Labels_ArePrintedByItsProducer(DocumentedBlock block, string producers)
    {
        var source = Sources(producers);
        var labels = block.Text.Split('\n').Select(l => Label().Match(l)).Where(m => m.Success)
            .Select(m => m.Groups["label"].Value.Trim()).Distinct().ToList();

        labels.Should().NotBeEmpty($"{block} is checked by its labels, so it has some");
        labels.Where(l => !source.Contains(l, StringComparison.Ordinal) && !source.Contains(l.Split(' ')[0] + " {", StringComparison.Ordinal))
            .Should().BeEmpty($"each label of {block} is one that {producers} prints");
    }

    /// <summary>"json output &lt;paths&gt;": every property name of the sample is written by the code under those paths.</summary>
    [TestCaseSource(nameof(Claimed), new object[] { "json output" })]
    public void JsonSample_Properties_AreWrittenByItsProducer(DocumentedBlock block, string producers)
    {
        var source = Sources(producers);
        using var json = JsonDocument.Parse(block.Text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var names = PropertyNames(json.RootElement).Distinct().ToList();

        names.Should().NotBeEmpty();
        names.Where(n => !source.Contains(n, StringComparison.OrdinalIgnoreCase)).Should().BeEmpty($"every property of {block} is one that {producers} writes");
    }

    /// <summary>"diagram": every code name in it (PascalCase words, *Async) is a name in src/.</summary>
    [TestCaseSource(nameof(Claimed), new object[] { "diagram" })]
    public void Diagram_CodeNames_ExistInSource(DocumentedBlock block, string argument)
    {
        argument.Should().BeEmpty();
        var source = Sources("src");
        var names = CodeName().Matches(block.Text).Select(m => m.Value).Distinct().ToList();

        names.Where(n => !source.Contains(n, StringComparison.Ordinal)).Should().BeEmpty($"the names in {block} are the code's");
    }

    /// <summary>"layout": every path in the tree exists; an indented entry is under the last unindented folder.</summary>
    [TestCaseSource(nameof(Claimed), new object[] { "layout" })]
    public void Layout_Paths_Exist(DocumentedBlock block, string argument)
    {
        argument.Should().BeEmpty();
        var root = RepositoryFiles.Root();
        var parent = "";
        var paths = new List<string>();
        foreach (var line in block.Text.Split('\n').Where(l => l.Trim().Length > 0))
        {
            var first = line.Trim().Split(' ')[0];
            if (!first.Contains('/', StringComparison.Ordinal) && !first.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            var path = line.StartsWith(' ') ? parent + first : first;
            parent = line.StartsWith(' ') ? parent : first;
            paths.Add(path);
        }

        paths.Should().HaveCountGreaterThan(3);
        paths.Where(p => !Path.Exists(Path.Combine(root, p))).Should().BeEmpty($"the tree in {block} is the repository's");
    }

    /// <summary>The text of every .cs, .sh and .js file under the space-separated paths (files or folders).</summary>
    private static string Sources(string paths)
    {
        var root = RepositoryFiles.Root();
        var files = paths.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => Path.Combine(root, p)).SelectMany(p =>
            File.Exists(p) ? [p] : Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".sh", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal))
                .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)));
        return string.Concat(files.Select(File.ReadAllText));
    }

    private static IEnumerable<string> PropertyNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => PropertyNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(PropertyNames),
        _ => [],
    };

    /// <summary>A line's label: letters and spaces after any icon or tree drawing, up to ':' (or a '(' before it).</summary>
    [GeneratedRegex(@"^[^\p{L}]*(?<label>\p{L}[\p{L}\p{N} \-]{0,30}?)\s*(\([^)]*\))?:\s")]
    private static partial Regex Label();

    [GeneratedRegex(@"\b(?:[A-Z][a-z0-9]+){2,}\b|\b\w+Async\b")]
    private static partial Regex CodeName();
}
