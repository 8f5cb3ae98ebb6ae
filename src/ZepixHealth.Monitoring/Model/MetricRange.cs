namespace ZepixHealth.Monitoring;

/// <summary>The smallest, mean and largest value of one figure over the snapshots of a <see cref="PluginHistoryBucket"/>.</summary>
/// <param name="Min">The smallest value.</param>
/// <param name="Avg">The mean of the values.</param>
/// <param name="Max">The largest value.</param>
public readonly record struct MetricRange(double Min, double Avg, double Max);
