using System.Globalization;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring.HealthChecks;

/// <summary>
/// One health-check entry over the monitor's latest cycle: Healthy when every covered plugin is,
/// Degraded when one is Stale or has a firing alert, the failure status when one is Dead or Hung, or
/// when the latest cycle completed more than two collection intervals ago (the monitor has stalled, and
/// its last snapshots no longer say anything about now).
/// </summary>
/// <remarks>
/// It never calls a plugin: it reads the snapshots the monitor already has and the open alerts in the
/// store, so a probe costs microseconds and cannot hang on a plugin. A store that cannot be read leaves
/// the alerts out (and says so in the data) rather than failing the probe.
/// </remarks>
internal sealed partial class PluginHealthCheck : IHealthCheck
{
    private readonly PluginHealthMonitor _monitor;
    private readonly IHealthStore _store;
    private readonly ILogger _logger;
    private readonly IReadOnlySet<string>? _pluginIds;
    private readonly bool _includeHost;
    private readonly bool _single;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _collectionInterval;

    /// <summary>Creates an entry over <paramref name="pluginIds"/> (all plugins when null).</summary>
    public PluginHealthCheck(
        PluginHealthMonitor monitor,
        IHealthStore store,
        ILogger logger,
        IReadOnlySet<string>? pluginIds,
        bool includeHost,
        bool single,
        TimeProvider timeProvider,
        TimeSpan collectionInterval)
    {
        _monitor = monitor;
        _timeProvider = timeProvider;
        _collectionInterval = collectionInterval;
        _store = store;
        _logger = logger;
        _pluginIds = pluginIds;
        _includeHost = includeHost;
        _single = single;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failureStatus = context.Registration.FailureStatus;
        if (Stalled() is { } stalled)
        {
            return new HealthCheckResult(failureStatus, stalled.Description, data: stalled.Data);
        }

        var snapshots = _monitor.LatestSnapshots.Where(Covers).ToList();
        if (snapshots.Count == 0)
        {
            var why = _monitor.LatestSnapshots.Count == 0
                ? "No health cycle has completed yet."
                : _single ? $"Plugin '{_pluginIds!.First()}' was not in the latest health cycle." : "No plugin matched in the latest health cycle.";
            return new HealthCheckResult(HealthStatus.Degraded, why);
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        ILookup<string, HealthAlert> firing;
        try
        {
            var open = await _store.GetOpenAlertsAsync(cancellationToken).ConfigureAwait(false);
            firing = open.Where(a => a.State == AlertState.Firing).ToLookup(a => a.PluginId, StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.AlertsUnreadable(_logger, ex);
            firing = Array.Empty<HealthAlert>().ToLookup(a => a.PluginId);
            data["alerts"] = $"unavailable: {ex.GetType().Name}";
        }

        var worst = HealthStatus.Healthy;
        var problems = new StringBuilder();
        foreach (var snapshot in snapshots)
        {
            var alerts = firing[snapshot.PluginId].ToList();
            var status = Judge(snapshot, alerts, failureStatus);
            worst = status < worst ? status : worst;
            if (status != HealthStatus.Healthy)
            {
                AppendProblem(problems, snapshot, alerts);
            }

            if (_single)
            {
                Describe(snapshot, alerts, data);
            }
            else
            {
                data[snapshot.PluginId] = alerts.Count == 0 || snapshot.Availability.Status != PluginHealthStatus.Healthy
                    ? snapshot.Availability.Status.ToString()
                    : $"{snapshot.Availability.Status}, {alerts.Count} firing alert(s)";
            }
        }

        var description = worst == HealthStatus.Healthy ? HealthyDescription(snapshots) : problems.ToString();
        return new HealthCheckResult(worst, description, data: data);
    }

    /// <summary>The failure when the latest cycle is older than two collection intervals; <see langword="null"/> otherwise.</summary>
    private (string Description, Dictionary<string, object> Data)? Stalled()
    {
        if (_monitor.LastCycleCompletedAt is not { } completed)
        {
            return null;
        }

        var age = _timeProvider.GetUtcNow() - completed;
        var limit = PluginHealthCheckDefaults.StalledAfterIntervals * _collectionInterval;
        if (age <= limit)
        {
            return null;
        }

        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"The health monitor has stalled: its latest cycle completed {age.TotalSeconds:0} s ago (at {completed:u}), more than two collection intervals ({limit.TotalSeconds:0} s); the plugins' health is unknown.");
        return (description, new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["lastCycleCompletedAt"] = completed,
            ["dataAgeSeconds"] = Math.Round(age.TotalSeconds),
        });
    }

    /// <summary>"All 2 plugins and the host process Healthy.": the host row is the process, not a plugin.</summary>
    private string HealthyDescription(List<PluginHealthSnapshot> snapshots)
    {
        if (_single)
        {
            return IsHost(snapshots[0]) ? "The host process is Healthy." : "Plugin Healthy.";
        }

        var plugins = snapshots.Count(s => !IsHost(s));
        var host = plugins < snapshots.Count ? " and the host process" : string.Empty;
        var noun = plugins == 1 ? "plugin" : "plugins";
        return string.Create(CultureInfo.InvariantCulture, $"{(plugins == 1 ? "The" : "All")} {plugins} {noun}{host} Healthy.");
    }

    private static bool IsHost(PluginHealthSnapshot snapshot) =>
        string.Equals(snapshot.PluginId, PluginHealthCheckDefaults.HostId, StringComparison.OrdinalIgnoreCase);

    /// <summary>Dead or Hung: the failure status; Stale or any firing alert: Degraded; otherwise Healthy.</summary>
    internal static HealthStatus Judge(PluginHealthSnapshot snapshot, IReadOnlyCollection<HealthAlert> firingAlerts, HealthStatus failureStatus) =>
        snapshot.Availability.Status switch
        {
            PluginHealthStatus.Dead or PluginHealthStatus.Hung => failureStatus,
            PluginHealthStatus.Stale => HealthStatus.Degraded,
            _ => firingAlerts.Count > 0 ? HealthStatus.Degraded : HealthStatus.Healthy,
        };

    private bool Covers(PluginHealthSnapshot snapshot) =>
        _pluginIds is null
            ? _includeHost || !IsHost(snapshot)
            : _pluginIds.Contains(snapshot.PluginId);

    private static void AppendProblem(StringBuilder problems, PluginHealthSnapshot snapshot, List<HealthAlert> alerts)
    {
        if (problems.Length > 0)
        {
            problems.Append("; ");
        }

        var availability = snapshot.Availability;
        problems.Append(snapshot.PluginId).Append(" is ").Append(availability.Status);
        if (availability.Status != PluginHealthStatus.Healthy && availability.Reason is { } reason)
        {
            problems.Append(": ").Append(reason);
        }

        if (alerts.Count > 0)
        {
            problems.Append(" (firing: ").AppendJoin(", ", alerts.Select(a => $"{a.RuleId} {a.Level}")).Append(')');
        }
    }

    /// <summary>A single plugin's entry data: status, reason, times and headline figures (unknown ones left out).</summary>
    private static void Describe(PluginHealthSnapshot snapshot, List<HealthAlert> alerts, Dictionary<string, object> data)
    {
        data["status"] = snapshot.Availability.Status.ToString();
        data["timestamp"] = snapshot.Timestamp;
        Add(data, "reason", snapshot.Availability.Reason);
        Add(data, "lastHeartbeat", snapshot.Availability.LastHeartbeat);
        Add(data, "uptime", snapshot.Availability.Uptime);
        Add(data, "p95ExecutionTimeMs", snapshot.Performance.P95ExecutionTimeMs);
        Add(data, "errorRatePct", snapshot.Errors.ErrorRatePct);
        Add(data, "memoryUsageMb", snapshot.Resources.MemoryUsageMb);
        Add(data, "cpuUsagePct", snapshot.Resources.CpuUsagePct);
        data["firingAlerts"] = alerts.Select(a => $"{a.RuleId} ({a.Level})").ToArray();
    }

    private static void Add(Dictionary<string, object> data, string key, object? value)
    {
        if (value is not null)
        {
            data[key] = value;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Plugin health check could not read the open alerts; judging by status only")]
        public static partial void AlertsUnreadable(ILogger logger, Exception exception);
    }
}
