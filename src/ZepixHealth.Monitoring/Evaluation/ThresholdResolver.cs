namespace ZepixHealth.Monitoring;

/// <summary>
/// The thresholds that apply to one plugin: its <see cref="PluginHealthOptions.Plugins"/> overrides
/// over the global <see cref="PluginHealthOptions.Thresholds"/>, merged once and cached; the
/// <c>host</c> row has defaults of its own.
/// </summary>
internal sealed class ThresholdResolver(PluginHealthOptions options)
{
    private readonly Dictionary<string, PluginHealthThresholds> _thresholds = new(PluginId.Comparer);

    /// <summary>Drops the cached thresholds of a plugin that is no longer watched.</summary>
    public void Forget(string pluginId) => _thresholds.Remove(pluginId);

    public PluginHealthThresholds For(PluginHealthSnapshot snapshot) =>
        PluginId.Comparer.Equals(snapshot.PluginId, HostMonitoringOptions.PluginId) ? ForHost(snapshot) : ForPlugin(snapshot.PluginId);

    private PluginHealthThresholds ForPlugin(string pluginId)
    {
        if (_thresholds.TryGetValue(pluginId, out var thresholds))
        {
            return thresholds;
        }

        var global = options.Thresholds;
        thresholds = options.Plugins.TryGetValue(pluginId, out var plugin) && plugin?.Thresholds is { } o
            ? Merge(o, global, global.MaxMemoryUsageMb, global.MaxCpuUsagePct)
            : global;
        _thresholds.Add(pluginId, thresholds);
        return thresholds;
    }

    /// <summary>
    /// The host row's thresholds: its own overrides, else — for memory and CPU, which the plugins'
    /// limits do not fit — 90 % of the memory limit the host runs under and 80 % of all its cores.
    /// </summary>
    private PluginHealthThresholds ForHost(PluginHealthSnapshot host)
    {
        var global = options.Thresholds;
        var memory = host.Resources.MemoryLimitMb is { } limit ? limit * 0.9 : global.MaxMemoryUsageMb;
        var cpu = PluginHealthDefaults.MaxCpuUsagePct * Environment.ProcessorCount;
        if (_thresholds.TryGetValue(HostMonitoringOptions.PluginId, out var cached) && cached.MaxMemoryUsageMb == (options.Host.Thresholds.MaxMemoryUsageMb ?? memory))
        {
            return cached;
        }

        var thresholds = Merge(options.Host.Thresholds, global, memory, cpu);
        _thresholds[HostMonitoringOptions.PluginId] = thresholds;
        return thresholds;
    }

    private static PluginHealthThresholds Merge(PluginThresholdOverrides overrides, PluginHealthThresholds global, double defaultMemory, double defaultCpu) => new()
    {
        MaxExecutionTimeMs = overrides.MaxExecutionTimeMs ?? global.MaxExecutionTimeMs,
        MaxErrorRatePct = overrides.MaxErrorRatePct ?? global.MaxErrorRatePct,
        MaxMemoryUsageMb = overrides.MaxMemoryUsageMb ?? defaultMemory,
        MaxCpuUsagePct = overrides.MaxCpuUsagePct ?? defaultCpu,
    };
}
