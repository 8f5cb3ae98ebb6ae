namespace ZepixHealth.Monitoring;

/// <summary>Builds one <see cref="PluginHistoryBucket"/> from snapshots and from summaries of snapshots.</summary>
internal sealed class PluginHistoryBucketBuilder(DateTimeOffset start)
{
    /// <summary>The ranges being built, one per charted figure.</summary>
    public MetricRangeBuilder P95, P99, ErrorRate, Memory, Cpu, Signals;

    private int _samples;
    private PluginHealthStatus _worst;

    /// <summary>Gets the start of the bucket.</summary>
    public DateTimeOffset Start { get; } = start;

    /// <summary>Counts in <paramref name="samples"/> snapshots whose worst status is <paramref name="worst"/>.</summary>
    public void AddSamples(int samples, PluginHealthStatus worst)
    {
        _worst = _samples == 0 || worst > _worst ? worst : _worst;
        _samples += samples;
    }

    /// <summary>Counts a snapshot in.</summary>
    public void Add(PluginHealthSnapshot snapshot)
    {
        AddSamples(1, snapshot.Availability.Status);
        P95.Add(snapshot.Performance.P95ExecutionTimeMs);
        P99.Add(snapshot.Performance.P99ExecutionTimeMs);
        ErrorRate.Add(snapshot.Errors.ErrorRatePct);
        Memory.Add(snapshot.Resources.MemoryUsageMb);
        Cpu.Add(snapshot.Resources.CpuUsagePct);
        Signals.Add(snapshot.Performance.SignalsProcessed1h);
    }

    /// <summary>Builds the bucket.</summary>
    public PluginHistoryBucket Build() => new()
    {
        Start = Start,
        Samples = _samples,
        WorstStatus = _worst,
        P95ExecutionTimeMs = P95.Build(),
        P99ExecutionTimeMs = P99.Build(),
        ErrorRatePct = ErrorRate.Build(),
        MemoryUsageMb = Memory.Build(),
        CpuUsagePct = Cpu.Build(),
        SignalsProcessed1h = Signals.Build(),
    };
}
