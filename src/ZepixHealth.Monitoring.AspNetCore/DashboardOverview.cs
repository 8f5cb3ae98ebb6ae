namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>What the overview shows: the summary bar and the plugin rows, problems first.</summary>
internal sealed record DashboardOverview(
    DateTimeOffset GeneratedAt,
    DateTimeOffset? DataAt,
    double? DataAgeSeconds,
    bool MonitorStalled,
    IReadOnlyDictionary<string, int> Counts,
    int OpenAlerts,
    IReadOnlyList<PluginRow> Plugins);
