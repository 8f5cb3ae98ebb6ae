namespace ZepixHealth.Monitoring;

/// <summary>What a rule judges: one plugin's snapshot and the thresholds that apply to that plugin.</summary>
/// <param name="Snapshot">The plugin's snapshot of this cycle.</param>
/// <param name="Thresholds">The thresholds for this plugin: <see cref="PluginHealthOptions.Thresholds"/> with the plugin's overrides applied.</param>
public sealed record HealthRuleContext(PluginHealthSnapshot Snapshot, PluginHealthThresholds Thresholds);
