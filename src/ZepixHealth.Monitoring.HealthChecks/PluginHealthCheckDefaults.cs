namespace ZepixHealth.Monitoring.HealthChecks;

/// <summary>The defaults of <see cref="PluginHealthCheckOptions"/> and the tags of the entries.</summary>
internal static class PluginHealthCheckDefaults
{
    /// <summary>The aggregate entry's name.</summary>
    public const string Name = "plugins";

    /// <summary>The tag every per-plugin entry carries.</summary>
    public const string PluginTag = "plugin";

    /// <summary>
    /// How many collection intervals may pass since the latest completed cycle before every entry reports
    /// the failure status: one is normal, a second means a cycle is missing.
    /// </summary>
    public const int StalledAfterIntervals = 2;

    /// <summary>The id of the host process's row.</summary>
    public const string HostId = "host";
}
