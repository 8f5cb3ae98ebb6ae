namespace ZepixHealth.Monitoring;

/// <summary>Which way a metric moves when something is wrong.</summary>
internal enum AnomalyDirection
{
    /// <summary>A rise is bad (latency, errors, memory, CPU).</summary>
    Up = 1,

    /// <summary>A drop is bad (signals, orders).</summary>
    Down = -1,
}
