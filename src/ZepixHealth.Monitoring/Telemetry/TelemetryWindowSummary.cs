namespace ZepixHealth.Monitoring;

/// <summary>The raw figures of a <see cref="PluginTelemetry"/> window, before they become <see cref="PluginMetrics"/>.</summary>
internal readonly record struct TelemetryWindowSummary(
    long ExecutionCount,
    long ExecutionTicksSum,
    double? P50Ticks,
    double? P95Ticks,
    double? P99Ticks,
    long Signals,
    long Orders,
    long SignalOutcomes,
    long ProfitableSignals,
    long Trades,
    long Wins,
    long Operations,
    long Errors,
    long CriticalErrors,
    long Warnings,
    long CpuTicks = 0,
    long AllocatedBytes = 0,
    long WindowTicks = 0);
