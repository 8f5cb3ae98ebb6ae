namespace ZepixHealth.Monitoring;

/// <summary>Turns a <see cref="TelemetryWindowSummary"/> into the <see cref="PluginMetrics"/> a plugin reports.</summary>
internal static class TelemetryMetricsBuilder
{
    private const double TicksPerMillisecond = TimeSpan.TicksPerMillisecond;

    /// <summary>Builds the metrics; a figure with nothing to measure is <see langword="null"/>, never a made-up 0.</summary>
    /// <param name="summary">The window's figures.</param>
    /// <param name="startedAt">When the recorder started.</param>
    /// <param name="lastActivity">The latest activity recorded.</param>
    /// <param name="lastError">The last error recorded, if any.</param>
    /// <param name="cpuMeasured">Whether the thread CPU clock was read in measured scopes.</param>
    /// <param name="allocationsMeasured">Whether allocations were counted in measured scopes.</param>
    public static PluginMetrics Build(
        in TelemetryWindowSummary summary,
        DateTimeOffset startedAt,
        DateTimeOffset lastActivity,
        RecordedMessage? lastError,
        bool cpuMeasured,
        bool allocationsMeasured) =>
        new()
        {
            StartedAt = startedAt,
            LastActivity = lastActivity,
            Performance = BuildPerformance(summary),
            CpuUsagePct = cpuMeasured && summary.WindowTicks > 0 ? 100.0 * summary.CpuTicks / summary.WindowTicks : null,
            AllocatedBytes = allocationsMeasured ? summary.AllocatedBytes : null,
            Errors = BuildErrors(summary, lastError),
        };

    /// <summary><paramref name="part"/> as a percentage of <paramref name="whole"/>, capped at 100; unknown when <paramref name="whole"/> is not positive.</summary>
    internal static double? Percentage(long part, long whole) =>
        whole <= 0 ? null : Math.Min(100.0, 100.0 * part / whole);

    private static PluginPerformanceMetrics BuildPerformance(in TelemetryWindowSummary summary) =>
        new()
        {
            AvgExecutionTimeMs = summary.ExecutionCount == 0
                ? null
                : (double)summary.ExecutionTicksSum / summary.ExecutionCount / TicksPerMillisecond,
            P50ExecutionTimeMs = summary.P50Ticks / TicksPerMillisecond,
            P95ExecutionTimeMs = summary.P95Ticks / TicksPerMillisecond,
            P99ExecutionTimeMs = summary.P99Ticks / TicksPerMillisecond,
            SignalsProcessed1h = summary.Signals,
            OrdersPlaced1h = summary.Orders,
            SignalAccuracyPct = Percentage(summary.ProfitableSignals, summary.SignalOutcomes),
            WinRatePct = Percentage(summary.Wins, summary.Trades),
        };

    private static PluginErrorMetrics BuildErrors(in TelemetryWindowSummary summary, RecordedMessage? lastError) =>
        new()
        {
            TotalErrors = summary.Errors,
            CriticalErrors = summary.CriticalErrors,
            Warnings = summary.Warnings,
            ErrorRatePct = Percentage(summary.Errors, summary.Operations),
            LastErrorMessage = lastError?.Message,
            LastErrorType = lastError?.TypeName,
            LastErrorTimestamp = lastError?.At,
        };
}
