namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>A plugin's downsampled history over one range, with the alerts raised or resolved in it.</summary>
internal sealed record PluginHistory(
    string PluginId,
    string Range,
    DateTimeOffset From,
    DateTimeOffset To,
    double BucketSeconds,
    IReadOnlyList<HistoryPoint> Points,
    IReadOnlyList<HealthAlert> Alerts);
