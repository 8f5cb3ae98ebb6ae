namespace ZepixHealth.Monitoring;

/// <summary>Matches text against a pattern where <c>*</c> stands for any run of characters (none included).</summary>
internal static class WildcardPattern
{
    public const char Any = '*';

    /// <summary>Returns whether <paramref name="text"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(string pattern, string text, StringComparison comparison)
    {
        if (!pattern.Contains(Any, StringComparison.Ordinal))
        {
            return string.Equals(pattern, text, comparison);
        }

        var parts = pattern.Split(Any);
        var rest = text.AsSpan();
        if (!rest.StartsWith(parts[0], comparison) || !rest.EndsWith(parts[^1], comparison) || rest.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        // The first and last parts are anchored; each middle part is found leftmost, which is enough for '*'.
        rest = rest[parts[0].Length..^parts[^1].Length];
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var at = rest.IndexOf(parts[i], comparison);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + parts[i].Length)..];
        }

        return true;
    }
}
