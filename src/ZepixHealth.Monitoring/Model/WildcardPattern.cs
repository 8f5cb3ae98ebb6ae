namespace ZepixHealth.Monitoring;

/// <summary>Matches text against a pattern where <c>*</c> stands for any run of characters (none included).</summary>
/// <remarks>Allocates nothing: patterns are matched on every alert change of every cycle.</remarks>
internal static class WildcardPattern
{
    public const char Any = '*';

    /// <summary>Returns whether <paramref name="text"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(string pattern, string text, StringComparison comparison)
    {
        var star = pattern.IndexOf(Any, StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(pattern, text, comparison);
        }

        var head = pattern.AsSpan(0, star);
        var last = pattern.LastIndexOf(Any);
        var tail = pattern.AsSpan(last + 1);
        var rest = text.AsSpan();
        if (rest.Length < head.Length + tail.Length || !rest.StartsWith(head, comparison) || !rest.EndsWith(tail, comparison))
        {
            return false;
        }

        // The head and tail are anchored; each middle part is found leftmost, which is enough for '*'.
        rest = rest[head.Length..^tail.Length];
        var middle = last > star ? pattern.AsSpan(star + 1, last - star - 1) : [];
        while (!middle.IsEmpty)
        {
            var next = middle.IndexOf(Any);
            var part = next < 0 ? middle : middle[..next];
            middle = next < 0 ? [] : middle[(next + 1)..];
            if (part.IsEmpty)
            {
                continue;
            }

            var at = rest.IndexOf(part, comparison);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + part.Length)..];
        }

        return true;
    }
}
