namespace ZepixHealth.Monitoring;

/// <summary>Settings for one plugin, under <c>PluginHealth:Plugins:&lt;id&gt;</c>.</summary>
public sealed class PluginMonitoringOptions
{
    /// <summary>Gets the thresholds that differ for this plugin.</summary>
    public PluginThresholdOverrides Thresholds { get; } = new();

    /// <summary>Gets the ids of rules that are not evaluated for this plugin (for example <c>cpu</c>).</summary>
    /// <value>Default empty.</value>
    public List<string> DisabledRules { get; } = [];
}
