namespace ZepixHealth.Monitoring;

/// <summary>The dashboard's fixed settings.</summary>
internal static class HealthDashboardDefaults
{
    /// <summary>The plugin id of the host process's own row, shown after the plugins.</summary>
    public const string HostPluginId = "host";

    /// <summary>How many recent alerts the overview lists.</summary>
    public const int RecentAlerts = 5;

    /// <summary>How many buckets the P95 sparkline has.</summary>
    public const int TrendBuckets = 12;

    /// <summary>The longest alert message or reason shown in the overview; the detail view shows them whole.</summary>
    public const int OverviewTextLength = 300;

    /// <summary>
    /// How many collection intervals old the newest data may be before the overview says the monitor
    /// has stalled: one interval is normal, a second means a cycle is missing.
    /// </summary>
    public const int StalledAfterIntervals = 2;

    /// <summary>How far back the P95 sparkline reaches.</summary>
    public static readonly TimeSpan TrendWindow = TimeSpan.FromHours(6);
}
