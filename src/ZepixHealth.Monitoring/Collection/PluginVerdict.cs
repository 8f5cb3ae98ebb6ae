namespace ZepixHealth.Monitoring;

/// <summary>What a plugin's answers (or silence) in one cycle say about its availability, before its metrics are read.</summary>
/// <param name="Status">The status so far.</param>
/// <param name="IsRunning">Whether the plugin is running.</param>
/// <param name="IsResponsive">Whether it answered in time.</param>
/// <param name="Reason">Why the status is not Healthy, for the operator.</param>
internal readonly record struct PluginVerdict(PluginHealthStatus Status, bool IsRunning, bool IsResponsive, string? Reason)
{
    public static PluginVerdict Healthy => new(PluginHealthStatus.Healthy, IsRunning: true, IsResponsive: true, Reason: null);

    public static PluginVerdict Dead(string reason) => new(PluginHealthStatus.Dead, IsRunning: false, IsResponsive: true, reason);

    public static PluginVerdict Hung(string reason) => new(PluginHealthStatus.Hung, IsRunning: true, IsResponsive: false, reason);
}
