namespace ZepixHealth.Monitoring;

/// <summary>
/// The thresholds that apply to one plugin: its <see cref="PluginHealthOptions.Plugins"/> overrides
/// over the global <see cref="PluginHealthOptions.Thresholds"/>, with every default critical limit
/// filled in, merged once and cached per memory limit; the <c>host</c> row has defaults of its own.
/// </summary>
internal sealed class ThresholdResolver(PluginHealthOptions options)
{
    private readonly Dictionary<string, (double? MemoryLimitMb, PluginHealthThresholds Thresholds)> _thresholds = new(PluginId.Comparer);
    private double? _hostMemoryLimitMb = options.Host.MemoryLimitMb;

    /// <summary>Drops the cached thresholds of a plugin that is no longer watched.</summary>
    public void Forget(string pluginId) => _thresholds.Remove(pluginId);

    /// <summary>
    /// Takes the host's memory limit for this cycle from the <c>host</c> row (last in a cycle), else from
    /// <see cref="HostMonitoringOptions.MemoryLimitMb"/>: the default critical memory limit is a share of it.
    /// </summary>
    public void StartCycle(IReadOnlyList<PluginHealthSnapshot> snapshots)
    {
        var last = snapshots.Count > 0 ? snapshots[^1] : null;
        _hostMemoryLimitMb = last is not null && IsHost(last.PluginId) && last.Resources.MemoryLimitMb is { } limit
            ? limit
            : options.Host.MemoryLimitMb;
    }

    public PluginHealthThresholds For(PluginHealthSnapshot snapshot)
    {
        var memoryLimit = snapshot.Resources.MemoryLimitMb ?? _hostMemoryLimitMb;
        if (_thresholds.TryGetValue(snapshot.PluginId, out var cached) && cached.MemoryLimitMb == memoryLimit)
        {
            return cached.Thresholds;
        }

        var thresholds = IsHost(snapshot.PluginId) ? ForHost(memoryLimit) : ForPlugin(snapshot.PluginId, memoryLimit);
        _thresholds[snapshot.PluginId] = (memoryLimit, thresholds);
        return thresholds;
    }

    private static bool IsHost(string pluginId) => PluginId.Comparer.Equals(pluginId, HostMonitoringOptions.PluginId);

    private PluginHealthThresholds ForPlugin(string pluginId, double? memoryLimit)
    {
        var global = options.Thresholds;
        var o = options.Plugins.TryGetValue(pluginId, out var plugin) && plugin?.Thresholds is { } overrides ? overrides : new PluginThresholdOverrides();
        var thresholds = LatencyAndErrors(o);
        thresholds.MaxMemoryUsageMb = o.MaxMemoryUsageMb ?? global.MaxMemoryUsageMb;
        thresholds.CriticalMemoryUsageMb = o.CriticalMemoryUsageMb ?? global.CriticalMemoryUsageMb ?? memoryLimit * PluginHealthDefaults.CriticalShareOfMemoryLimit;
        thresholds.MaxCpuUsagePct = o.MaxCpuUsagePct ?? global.MaxCpuUsagePct;
        thresholds.CriticalCpuUsagePct = o.CriticalCpuUsagePct ?? global.CriticalCpuUsagePct ?? PluginHealthDefaults.CriticalCpuUsagePctPerCore * Environment.ProcessorCount;
        return thresholds;
    }

    /// <summary>
    /// The host row's thresholds: its own overrides, else — for memory and CPU, which the plugins'
    /// limits do not fit — a warning at 90 % and a critical level at 95 % of the memory limit the host
    /// runs under, and of all its cores (80 % and 95 %); latency and errors as for the plugins.
    /// </summary>
    private PluginHealthThresholds ForHost(double? memoryLimit)
    {
        var o = options.Host.Thresholds;
        var cores = Environment.ProcessorCount;
        var thresholds = LatencyAndErrors(o);
        thresholds.MaxMemoryUsageMb = o.MaxMemoryUsageMb ?? memoryLimit * PluginHealthDefaults.HostMemoryShareOfLimit ?? options.Thresholds.MaxMemoryUsageMb;
        thresholds.CriticalMemoryUsageMb = o.CriticalMemoryUsageMb ?? memoryLimit * PluginHealthDefaults.HostCriticalShareOfMemoryLimit;
        thresholds.MaxCpuUsagePct = o.MaxCpuUsagePct ?? PluginHealthDefaults.MaxCpuUsagePct * cores;
        thresholds.CriticalCpuUsagePct = o.CriticalCpuUsagePct ?? PluginHealthDefaults.HostCriticalCpuUsagePctPerCore * cores;
        return thresholds;
    }

    /// <summary>Latency, error rate and critical errors, resolved the same way for the plugins and the host row.</summary>
    private PluginHealthThresholds LatencyAndErrors(PluginThresholdOverrides o)
    {
        var global = options.Thresholds;
        var maxExecution = o.MaxExecutionTimeMs ?? global.MaxExecutionTimeMs;
        var maxErrorRate = o.MaxErrorRatePct ?? global.MaxErrorRatePct;
        return new PluginHealthThresholds
        {
            MaxExecutionTimeMs = maxExecution,
            CriticalExecutionTimeMs = o.CriticalExecutionTimeMs ?? global.CriticalExecutionTimeMs ?? maxExecution * PluginHealthDefaults.CriticalExecutionTimeFactor,
            MaxErrorRatePct = maxErrorRate,
            CriticalErrorRatePct = o.CriticalErrorRatePct ?? global.CriticalErrorRatePct ?? Math.Min(100, maxErrorRate * PluginHealthDefaults.CriticalErrorRateFactor),
            CriticalErrorsForCritical = o.CriticalErrorsForCritical ?? global.CriticalErrorsForCritical ?? PluginHealthDefaults.CriticalErrorsForCritical,
        };
    }
}
