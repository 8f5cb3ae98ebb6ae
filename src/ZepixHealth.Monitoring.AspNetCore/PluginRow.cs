namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>One plugin's line in the overview, as the page and the JSON API show it.</summary>
internal sealed record PluginRow(
    string Id,
    string Status,
    string Icon,
    int Rank,
    string? Reason,
    double? UptimeSeconds,
    double? P95Ms,
    double? P99Ms,
    double? ErrorRatePct,
    double? MemoryMb,
    double? CpuPct,
    long? Signals1h,
    long? Orders1h,
    DateTimeOffset? LastActivity,
    double? LastActivityAgeSeconds,
    int OpenAlerts);
