namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>One bucket of a plugin's history: its start, how many snapshots fell in it, and each metric's min/avg/max.</summary>
internal sealed record HistoryPoint(DateTimeOffset Time, int Samples, IReadOnlyDictionary<string, MetricStats> Metrics);
