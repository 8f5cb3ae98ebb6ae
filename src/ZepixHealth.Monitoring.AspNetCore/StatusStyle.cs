namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>How a status looks: never colour alone, always an icon and a word too; and how urgent it is.</summary>
internal static class StatusStyle
{
    public static int Rank(PluginHealthStatus status) => status switch
    {
        PluginHealthStatus.Dead => 0,
        PluginHealthStatus.Hung => 1,
        PluginHealthStatus.Stale => 2,
        _ => 3,
    };

    public static string Icon(PluginHealthStatus status) => status switch
    {
        PluginHealthStatus.Dead => "\u2715",
        PluginHealthStatus.Hung => "\u231B",
        PluginHealthStatus.Stale => "\u25D4",
        _ => "\u2713",
    };

    /// <summary>The CSS class for a status word (Healthy, Stale, Hung, Dead, or anything newer).</summary>
    public static string CssClass(string status) => "status-" + status.ToLowerInvariant();
}
