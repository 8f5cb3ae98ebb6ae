namespace ZepixHealth.Monitoring;

/// <summary>How serious an alert is. Higher values are more serious, so levels can be compared.</summary>
public enum AlertLevel
{
    /// <summary>Something drifts from normal and deserves a look (for example P95 latency above its threshold).</summary>
    Warning = 1,

    /// <summary>Something is wrong and hurts trading (for example an error rate above its threshold, or a stale plugin).</summary>
    High = 2,

    /// <summary>A plugin is down (dead or hung); act now.</summary>
    Critical = 3,
}
