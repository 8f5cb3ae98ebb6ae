namespace ZepixHealth.Monitoring.Documentation.Tests.Blocks;

/// <summary>documented-blocks.txt: every fenced block of the docs, by file, heading and hash, with the check that runs it.</summary>
internal static class BlockCatalog
{
    /// <summary>The catalog's path, relative to the repository root.</summary>
    public const string Path = "tests/ZepixHealth.Monitoring.Documentation.Tests/documented-blocks.txt";

    /// <summary>The kinds of check a claim may name; each is run by a test of this project.</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "csharp program", "csharp api", "csharp host", "csharp plugin", "json configuration", "json response", "json output",
        "output", "shell ci", "shell commands", "diagram", "layout", "test",
    ];

    private static readonly Lazy<IReadOnlyList<BlockClaim>> Loaded = new(Load);
    private static readonly Lazy<IReadOnlyList<DocumentedBlock>> Blocks = new(MarkdownBlockReader.ReadAll);

    /// <summary>Gets every claim of the catalog.</summary>
    public static IReadOnlyList<BlockClaim> Claims => Loaded.Value;

    /// <summary>Gets every block of the docs.</summary>
    public static IReadOnlyList<DocumentedBlock> AllBlocks => Blocks.Value;

    /// <summary>Gets each block claimed with a check of <paramref name="kind"/>, with its claim.</summary>
    /// <param name="kind">One of <see cref="Kinds"/>.</param>
    public static IReadOnlyList<(DocumentedBlock Block, BlockClaim Claim)> Claimed(string kind) =>
        AllBlocks.SelectMany(b => Claims.Where(c => c.Claims(b) && KindOf(c) == kind).Select(c => (b, c))).ToList();

    /// <summary>Gets the kind a claim's check starts with (the longest that matches), or null when none does.</summary>
    public static string? KindOf(BlockClaim claim) =>
        Kinds.Where(claim.Is).OrderByDescending(k => k.Length).FirstOrDefault();

    private static List<BlockClaim> Load()
    {
        var lines = RepositoryFiles.Read(Path).ReplaceLineEndings("\n").Split('\n');
        var claims = new List<BlockClaim>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(" | ");
            if (fields.Length < 4)
            {
                throw new FormatException($"{Path}:{i + 1}: '{line}' is not 'file | heading | hash | check'.");
            }

            var heading = string.Join(" | ", fields[1..^2]);
            claims.Add(new BlockClaim(fields[0], heading, fields[^2], fields[^1], i + 1));
        }

        return claims;
    }
}
