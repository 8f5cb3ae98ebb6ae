namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>One metric over one history bucket.</summary>
internal sealed record MetricStats(double Min, double Avg, double Max);
