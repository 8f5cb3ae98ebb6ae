using System.Diagnostics;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The activities of a cycle: <c>zepix.health.cycle</c>, and one <c>zepix.health.collect</c> child per
/// plugin collected. With no listener, <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns <see langword="null"/> and every method here returns at once.
/// </summary>
internal static class MonitoringTracing
{
    /// <summary>The name of a cycle's activity.</summary>
    public const string CycleActivityName = "zepix.health.cycle";

    /// <summary>The name of the activity of one plugin's collection.</summary>
    public const string CollectActivityName = "zepix.health.collect";

    /// <summary>The tag that holds a plugin's status.</summary>
    public const string StatusTag = "zepix.health.status";

    /// <summary>Starts a cycle's activity, or returns <see langword="null"/> when nothing listens.</summary>
    public static Activity? StartCycle() => MonitoringDiagnostics.ActivitySource.StartActivity(CycleActivityName, ActivityKind.Internal);

    /// <summary>Starts the activity of one plugin's collection (a child of the cycle's), or returns <see langword="null"/>.</summary>
    public static Activity? StartCollect(string pluginId)
    {
        var activity = MonitoringDiagnostics.ActivitySource.StartActivity(CollectActivityName, ActivityKind.Internal);
        activity?.SetTag(MonitoringDiagnostics.PluginIdTag, pluginId);
        return activity;
    }

    /// <summary>
    /// Records a plugin's outcome on its activity: its status, and an error status (with the exception,
    /// when a call threw) unless it is Healthy or Stale. Returns <paramref name="snapshot"/>.
    /// </summary>
    public static PluginHealthSnapshot Collected(Activity? activity, PluginHealthSnapshot snapshot, Exception? error)
    {
        if (activity is null)
        {
            return snapshot;
        }

        var status = snapshot.Availability.Status;
        activity.SetTag(StatusTag, status.ToString());
        if (status is PluginHealthStatus.Dead or PluginHealthStatus.Hung)
        {
            activity.SetStatus(ActivityStatusCode.Error, snapshot.Availability.Reason ?? status.ToString());
            if (error is not null)
            {
                activity.AddException(error);
            }
        }

        return snapshot;
    }

    /// <summary>Records a finished cycle on its activity: how many plugins, and how many were not Healthy.</summary>
    public static void CycleCompleted(Activity? activity, PluginHealthSnapshot[] snapshots)
    {
        if (activity is null)
        {
            return;
        }

        var unhealthy = 0;
        foreach (var snapshot in snapshots)
        {
            if (snapshot.Availability.Status != PluginHealthStatus.Healthy)
            {
                unhealthy++;
            }
        }

        activity.SetTag("zepix.health.plugins", snapshots.Length);
        activity.SetTag("zepix.health.plugins.unhealthy", unhealthy);
    }

    /// <summary>Marks a cycle's activity failed by <paramref name="exception"/>. Always <see langword="false"/>, for use as an exception filter.</summary>
    public static bool CycleFailed(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity.AddException(exception);
        }

        return false;
    }
}
