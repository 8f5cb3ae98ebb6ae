using System.Text.RegularExpressions;

namespace ZepixHealth.Monitoring.Tests.Architecture;

/// <summary>One C# file of src/, read as text: its lines, its folder, and its code without comments or strings.</summary>
internal sealed partial class SourceFile
{
    private SourceFile(string root, string path)
    {
        Path = path;
        RelativePath = System.IO.Path.GetRelativePath(root, path).Replace('\\', '/');
        Lines = File.ReadAllLines(path);
        var slash = RelativePath.IndexOf('/', StringComparison.Ordinal);
        Folder = slash < 0 ? "." : RelativePath[..slash];
        Code = StripCommentsAndStrings(string.Join('\n', Lines));
    }

    public string Path { get; }

    /// <summary>Gets the path below the project folder, e.g. <c>Collection/PluginChecker.cs</c>.</summary>
    public string RelativePath { get; }

    /// <summary>Gets the top-level folder of the project the file is in (<c>.</c> for the project folder itself).</summary>
    public string Folder { get; }

    public string[] Lines { get; }

    public string Code { get; }

    /// <summary>Reads every C# file of one project folder, leaving out bin/ and obj/.</summary>
    public static IReadOnlyList<SourceFile> ReadProject(string projectFolder) =>
        [.. Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => new SourceFile(projectFolder, p))];

    /// <summary>Gets the names of the types the file declares.</summary>
    public IEnumerable<string> DeclaredTypes() =>
        TypeDeclaration().Matches(Code).Select(m => m.Groups[1].Value);

    /// <summary>Gets the capitalised identifiers the file's code uses.</summary>
    public IEnumerable<string> Identifiers() =>
        Identifier().Matches(Code).Select(m => m.Value).Distinct(StringComparer.Ordinal);

    private static string StripCommentsAndStrings(string text)
    {
        text = BlockComment().Replace(text, " ");
        text = LineComment().Replace(text, " ");
        return StringLiteral().Replace(text, "\"\"");
    }

    [GeneratedRegex(@"\b(?:class|interface|record|struct|enum)\s+([A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"@?\$?""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();
}
