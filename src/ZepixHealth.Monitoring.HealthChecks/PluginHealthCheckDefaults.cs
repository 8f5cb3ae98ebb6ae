namespace ZepixHealth.Monitoring.HealthChecks;

/// <summary>The defaults of <see cref="PluginHealthCheckOptions"/> and the tags of the entries.</summary>
internal static class PluginHealthCheckDefaults
{
    /// <summary>The aggregate entry's name.</summary>
    public const string Name = "plugins";

    /// <summary>The tag every per-plugin entry carries.</summary>
    public const string PluginTag = "plugin";

    /// <summary>The id of the host process's row.</summary>
    public const string HostId = "host";
}
