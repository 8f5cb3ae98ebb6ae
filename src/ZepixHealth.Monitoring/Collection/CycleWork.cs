namespace ZepixHealth.Monitoring;

/// <summary>The plugins of one cycle, shared by its lanes: each takes the next index nobody has taken.</summary>
internal sealed class CycleWork(PluginState?[] states, int count, PluginHealthSnapshot[] snapshots, DateTimeOffset cycleTime)
{
    private int _next = -1;

    /// <summary>Gets the plugins' states, by registration order; null where a plugin cannot be watched.</summary>
    public PluginState?[] States => states;

    /// <summary>Gets the snapshots, by registration order; each lane writes the slots it took.</summary>
    public PluginHealthSnapshot[] Snapshots => snapshots;

    public DateTimeOffset CycleTime => cycleTime;

    public bool TryTake(out int index)
    {
        index = Interlocked.Increment(ref _next);
        return index < count;
    }
}
