namespace ZepixHealth.Monitoring;

/// <summary>
/// The snapshots of one plugin in one <see cref="InMemoryHealthStore.SummaryWidth"/> of time, once they
/// leave the full-resolution part of <see cref="InMemoryPluginHistory"/>: their count, worst status and
/// the min/avg/max of the charted figures, in about 120 bytes.
/// </summary>
internal struct InMemoryHistorySummary
{
    private InMemoryMetricRange _p95;
    private InMemoryMetricRange _p99;
    private InMemoryMetricRange _errorRate;
    private InMemoryMetricRange _memory;
    private InMemoryMetricRange _cpu;
    private InMemoryMetricRange _signals;

    /// <summary>Starts a summary for the width of time that begins at <paramref name="startTicks"/> (UTC).</summary>
    public InMemoryHistorySummary(long startTicks) => StartTicks = startTicks;

    /// <summary>Gets the start of the summary's width of time, in UTC ticks.</summary>
    public long StartTicks { get; }

    /// <summary>Gets the timestamp of the newest snapshot summarised, in UTC ticks.</summary>
    public long LastTicks { get; private set; }

    /// <summary>Gets how many snapshots are summarised.</summary>
    public int Samples { get; private set; }

    /// <summary>Gets the worst status among them.</summary>
    public PluginHealthStatus WorstStatus { get; private set; }

    /// <summary>Counts a snapshot in.</summary>
    public void Add(in InMemorySnapshotRow row)
    {
        LastTicks = Samples == 0 ? row.TimestampTicks : Math.Max(LastTicks, row.TimestampTicks);
        WorstStatus = Samples == 0 || row.Status > WorstStatus ? row.Status : WorstStatus;
        Samples++;
        _p95.Add(row.P95Ms);
        _p99.Add(row.P99Ms);
        _errorRate.Add(row.ErrorRatePct);
        _memory.Add(row.MemoryMb);
        _cpu.Add(row.CpuPct);
        _signals.Add(row.Signals1h);
    }

    /// <summary>Adds what is summarised to a bucket being built.</summary>
    public readonly void AddTo(PluginHistoryBucketBuilder bucket)
    {
        bucket.AddSamples(Samples, WorstStatus);
        _p95.AddTo(ref bucket.P95);
        _p99.AddTo(ref bucket.P99);
        _errorRate.AddTo(ref bucket.ErrorRate);
        _memory.AddTo(ref bucket.Memory);
        _cpu.AddTo(ref bucket.Cpu);
        _signals.AddTo(ref bucket.Signals);
    }

    /// <summary>
    /// Builds the snapshot that stands for the summary in <see cref="IHealthStore.GetHistoryAsync"/>: at
    /// the newest summarised instant, with the worst status and the mean of each charted figure.
    /// </summary>
    public readonly PluginHealthSnapshot ToSnapshot(string pluginId) => new()
    {
        PluginId = pluginId,
        Timestamp = new DateTimeOffset(LastTicks, TimeSpan.Zero),
        Availability = new PluginAvailabilityMetrics
        {
            Status = WorstStatus,
            IsRunning = WorstStatus != PluginHealthStatus.Dead,
            IsResponsive = WorstStatus != PluginHealthStatus.Hung,
        },
        Performance = _p95.HasValue || _p99.HasValue || _signals.HasValue
            ? new PluginPerformanceMetrics
            {
                P95ExecutionTimeMs = _p95.Average,
                P99ExecutionTimeMs = _p99.Average,
                SignalsProcessed1h = _signals.Average is { } signals ? (long)Math.Round(signals) : null,
            }
            : PluginPerformanceMetrics.Unknown,
        Resources = _memory.HasValue || _cpu.HasValue
            ? new PluginResourceMetrics { MemoryUsageMb = _memory.Average, CpuUsagePct = _cpu.Average }
            : PluginResourceMetrics.Unknown,
        Errors = _errorRate.HasValue ? new PluginErrorMetrics { ErrorRatePct = _errorRate.Average } : PluginErrorMetrics.Unknown,
    };
}
