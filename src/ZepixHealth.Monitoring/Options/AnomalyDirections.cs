namespace ZepixHealth.Monitoring;

/// <summary>Which moves of a metric anomaly detection watches: rises, drops, or both.</summary>
[Flags]
public enum AnomalyDirections
{
    /// <summary>A rise far above the usual range is anomalous (latency, errors, memory).</summary>
    Rise = 1,

    /// <summary>A drop far below the usual range is anomalous (a plugin that stops producing).</summary>
    Drop = 2,

    /// <summary>Both: a collapse can be as telling as a surge (CPU from 94 % to 19 %, a burst of signals).</summary>
    Both = 3,
}
