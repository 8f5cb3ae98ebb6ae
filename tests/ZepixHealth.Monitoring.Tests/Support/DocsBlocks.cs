using System.Text.RegularExpressions;

namespace ZepixHealth.Monitoring.Tests.Support;

/// <summary>Reads the fenced code blocks of a page under docs/, so that tests run them exactly as written.</summary>
internal static partial class DocsBlocks
{
    /// <summary>Gets the first block of <paramref name="language"/> after the heading <paramref name="heading"/>.</summary>
    public static string After(string page, string heading, string language)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "docs", page)).ReplaceLineEndings("\n");
        var at = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"docs/{page} has no heading '{heading}'.");
        }

        var match = Fence().Match(text, at);
        if (!match.Success || match.Groups["lang"].Value != language)
        {
            throw new InvalidOperationException($"docs/{page} has no {language} block after '{heading}'.");
        }

        return match.Groups["body"].Value;
    }

    [GeneratedRegex("```(?<lang>[a-z]*)\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
