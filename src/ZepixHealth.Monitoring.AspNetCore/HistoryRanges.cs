namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>The history ranges a plugin page offers.</summary>
internal static class HistoryRanges
{
    public const string Default = "1h";

    public static IReadOnlyList<(string Name, TimeSpan Span)> All { get; } =
    [
        ("1h", TimeSpan.FromHours(1)),
        ("6h", TimeSpan.FromHours(6)),
        ("24h", TimeSpan.FromHours(24)),
        ("7d", TimeSpan.FromDays(7)),
    ];

    /// <summary>Finds a range by name; null or empty means the default, anything else unknown is false.</summary>
    public static bool TryParse(string? name, out string canonical, out TimeSpan span)
    {
        canonical = string.IsNullOrEmpty(name) ? Default : name;
        foreach (var (n, s) in All)
        {
            if (string.Equals(n, canonical, StringComparison.Ordinal))
            {
                span = s;
                return true;
            }
        }

        span = TimeSpan.Zero;
        return false;
    }
}
