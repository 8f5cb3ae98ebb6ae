namespace ZepixHealth.Monitoring;

/// <summary>
/// What puts two alert changes in the same group (<see cref="PluginHealthOptions.GroupBy"/>): changes
/// of one group that come within <see cref="PluginHealthOptions.GroupWait"/> or
/// <see cref="PluginHealthOptions.GroupInterval"/> of each other go out as one notification. Every
/// group is of one host (one monitor watches one host); flags combine, for example <c>"Level, PluginId"</c>.
/// </summary>
[Flags]
public enum AlertGroupBy
{
    /// <summary>Every change of the host in one group, whatever its level, plugin or rule.</summary>
    Host = 0,

    /// <summary>One group per level.</summary>
    Level = 1,

    /// <summary>One group per plugin.</summary>
    PluginId = 2,

    /// <summary>One group per rule.</summary>
    RuleId = 4,
}
