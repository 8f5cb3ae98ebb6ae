namespace ZepixHealth.Monitoring;

/// <summary>The ids of the built-in rules.</summary>
public static class HealthRuleIds
{
    /// <summary>Not healthy: Dead or Hung is Critical, Stale is High.</summary>
    public const string Availability = "availability";

    /// <summary>P95 execution time above <see cref="PluginHealthThresholds.MaxExecutionTimeMs"/>: Warning.</summary>
    public const string LatencyP95 = "latency.p95";

    /// <summary>Memory above <see cref="PluginHealthThresholds.MaxMemoryUsageMb"/>: Warning.</summary>
    public const string Memory = "memory";

    /// <summary>CPU above <see cref="PluginHealthThresholds.MaxCpuUsagePct"/>: Warning.</summary>
    public const string Cpu = "cpu";

    /// <summary>Error rate above <see cref="PluginHealthThresholds.MaxErrorRatePct"/>: High.</summary>
    public const string ErrorRate = "error_rate";

    /// <summary>Any critical error in the window: High.</summary>
    public const string CriticalErrors = "critical_errors";

    /// <summary>The last self-test failed: High.</summary>
    public const string SelfTest = "self_test";

    /// <summary>The prefix of the anomaly rules, for example <c>anomaly.p95_latency</c>.</summary>
    public const string AnomalyPrefix = "anomaly.";
}
