using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Turns one plugin's verdict and reported metrics into its <see cref="PluginHealthSnapshot"/>:
/// sanitizes the figures, measures the plugin's own process when it has one, decides staleness on
/// total elapsed time, starts a due self-test, and logs status changes.
/// </summary>
internal sealed class SnapshotBuilder(
    PluginHealthOptions options,
    TimeProvider timeProvider,
    PluginProcessMeasurer processes,
    SelfTestScheduler selfTests,
    ILogger logger)
{
    public PluginHealthSnapshot Build(PluginState state, DateTimeOffset cycleTime, PluginVerdict verdict, PluginMetrics? metrics, ref FaultList faults)
    {
        var now = timeProvider.GetUtcNow();
        var performance = PluginPerformanceMetrics.Unknown;
        var errors = PluginErrorMetrics.Unknown;
        var resources = PluginResourceMetrics.Unknown;
        TimeSpan? uptime = null;
        string? processExit = null;

        if (metrics is not null)
        {
            performance = MetricsSanitizer.Sanitize(metrics.Performance, ref faults);
            errors = MetricsSanitizer.Sanitize(metrics.Errors, now, ref faults);
            resources = MetricsSanitizer.Resources(metrics, ref faults);
            uptime = ReadTimes(state, metrics, now, ref faults);
            processExit = processes.Measure(state, metrics.ProcessId, ref resources, ref faults);
        }

        verdict = Explain(verdict, errors, processExit);
        verdict = CheckStale(state, verdict, metrics, now);
        if (verdict.Status is PluginHealthStatus.Healthy or PluginHealthStatus.Stale)
        {
            selfTests.StartIfDue(state, now, ref faults);
        }

        var selfTest = state.SelfTest;
        var snapshot = new PluginHealthSnapshot
        {
            PluginId = state.Id,
            Timestamp = cycleTime,
            Availability = new PluginAvailabilityMetrics
            {
                Status = verdict.Status,
                IsRunning = verdict.IsRunning,
                IsResponsive = verdict.IsResponsive,
                LastHeartbeat = state.LastHeartbeat,
                Uptime = uptime,
                Reason = verdict.Reason,
            },
            Performance = performance,
            Resources = resources,
            Errors = errors,
            SelfTest = selfTest?.Result,
            SelfTestCompletedAt = selfTest?.CompletedAt,
            Faults = faults.ToReadOnlyList(),
        };

        LogStatusChange(state, snapshot);
        return snapshot;
    }

    /// <summary>Keeps the plugin's last activity as its heartbeat and returns its uptime; times in the future are faults.</summary>
    private static TimeSpan? ReadTimes(PluginState state, PluginMetrics metrics, DateTimeOffset now, ref FaultList faults)
    {
        if (MetricsSanitizer.NotInFuture(metrics.LastActivity, now, nameof(PluginMetrics.LastActivity), ref faults) is { } lastActivity)
        {
            state.LastHeartbeat = lastActivity;
        }

        return MetricsSanitizer.NotInFuture(metrics.StartedAt, now, nameof(PluginMetrics.StartedAt), ref faults) is { } startedAt
            ? now - startedAt
            : null;
    }

    private static PluginVerdict Explain(PluginVerdict verdict, PluginErrorMetrics errors, string? processExit)
    {
        // A plugin that says it is not alive usually knows why: its last error tells the operator.
        if (verdict.Status == PluginHealthStatus.Dead && ReferenceEquals(verdict.Reason, CollectionText.ReturnedFalse) && errors.LastErrorMessage is { } lastError)
        {
            verdict = verdict with { Reason = $"{verdict.Reason} Last error ({errors.LastErrorType ?? "unknown type"}): {lastError}" };
        }

        // The plugin's process is gone: whatever the plugin last said, nothing is running it.
        if (processExit is not null)
        {
            var reason = verdict.Status == PluginHealthStatus.Dead ? $"{verdict.Reason} {processExit}" : processExit;
            verdict = verdict with { Status = PluginHealthStatus.Dead, IsRunning = false, Reason = reason };
        }

        return verdict;
    }

    private PluginVerdict CheckStale(PluginState state, PluginVerdict verdict, PluginMetrics? metrics, DateTimeOffset now)
    {
        // Total elapsed time, not a seconds component that wraps at a minute.
        if (verdict.Status != PluginHealthStatus.Healthy || metrics is null || state.LastHeartbeat is not { } heartbeat
            || now - heartbeat <= options.StaleAfter)
        {
            return verdict;
        }

        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"No activity for {CollectionText.FormatDuration(now - heartbeat)} (last at {OperatorTime.ClockTime(heartbeat, now)}); stale after {CollectionText.FormatDuration(options.StaleAfter)}.");
        return verdict with { Status = PluginHealthStatus.Stale, Reason = reason };
    }

    private void LogStatusChange(PluginState state, PluginHealthSnapshot snapshot)
    {
        var status = snapshot.Availability.Status;
        var previous = state.LastStatus;
        state.LastStatus = status;
        if (previous == status)
        {
            return;
        }

        if (status != PluginHealthStatus.Healthy)
        {
            CollectionLog.PluginUnhealthy(logger, state.Id, status, snapshot.Availability.Reason);
        }
        else if (previous is not null)
        {
            CollectionLog.PluginRecovered(logger, state.Id, previous.Value);
        }
    }
}
