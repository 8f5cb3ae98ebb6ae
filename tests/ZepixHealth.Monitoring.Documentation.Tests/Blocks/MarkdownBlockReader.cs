using System.Text.RegularExpressions;

namespace ZepixHealth.Monitoring.Documentation.Tests.Blocks;

/// <summary>Reads the fenced blocks (``` or ~~~, indented or not) of the repository's markdown files.</summary>
internal static partial class MarkdownBlockReader
{
    /// <summary>Gets every documentation file whose blocks must be run: README.md, CONTRIBUTING.md, docs/**/*.md and each package's and template's README.md.</summary>
    public static IReadOnlyList<string> DocumentationFiles()
    {
        var root = RepositoryFiles.Root();
        var files = new List<string> { "README.md", "CONTRIBUTING.md" };
        files.AddRange(Relative(root, Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)));
        foreach (var folder in new[] { "src", "templates" })
        {
            files.AddRange(Relative(root, Directory.EnumerateDirectories(Path.Combine(root, folder))
                .Select(d => Path.Combine(d, "README.md")).Where(File.Exists)));
        }

        return files.Where(f => File.Exists(Path.Combine(root, f))).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Gets every fenced block of every documentation file.</summary>
    public static IReadOnlyList<DocumentedBlock> ReadAll() => DocumentationFiles().SelectMany(Read).ToList();

    /// <summary>Gets the fenced blocks of one file, in order.</summary>
    /// <param name="file">The file, relative to the repository root.</param>
    public static IReadOnlyList<DocumentedBlock> Read(string file) => Parse(file, RepositoryFiles.Read(file));

    /// <summary>Gets the fenced blocks of a markdown text, in order.</summary>
    /// <param name="file">The name the blocks carry.</param>
    /// <param name="markdown">The text.</param>
    public static IReadOnlyList<DocumentedBlock> Parse(string file, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<DocumentedBlock>();
        var heading = "";
        for (var i = 0; i < lines.Length; i++)
        {
            if (Heading().Match(lines[i]) is { Success: true } h)
            {
                heading = h.Groups["text"].Value.Trim();
                continue;
            }

            if (Fence().Match(lines[i]) is not { Success: true } open)
            {
                continue;
            }

            var indent = open.Groups["indent"].Value.Length;
            var fence = open.Groups["fence"].Value;
            var body = new List<string>();
            var start = i;
            for (i++; i < lines.Length && !IsClosing(lines[i], fence); i++)
            {
                body.Add(lines[i].Length >= indent && lines[i][..indent].Trim().Length == 0 ? lines[i][indent..] : lines[i].TrimStart());
            }

            blocks.Add(new DocumentedBlock(file, heading, open.Groups["info"].Value.Trim(), start + 1, string.Join('\n', body)));
        }

        return blocks;
    }

    private static bool IsClosing(string line, string fence)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]);
    }

    private static IEnumerable<string> Relative(string root, IEnumerable<string> paths) =>
        paths.Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'));

    [GeneratedRegex(@"^(?<indent> {0,3}|\s*)(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*$")]
    private static partial Regex Heading();
}
