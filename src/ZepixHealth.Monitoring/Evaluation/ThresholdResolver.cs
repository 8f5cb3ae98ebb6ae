namespace ZepixHealth.Monitoring;

/// <summary>
/// The thresholds that apply to one plugin: its <see cref="PluginHealthOptions.Plugins"/> overrides
/// over the global <see cref="PluginHealthOptions.Thresholds"/>, with every default critical limit
/// filled in, merged once and cached per memory limit; the <c>host</c> row has defaults of its own.
/// </summary>
/// <remarks>
/// Plugins without overrides of their own that run under the host's memory limit (most of them) share
/// one instance, so that they cost no lookup and no object each.
/// </remarks>
internal sealed class ThresholdResolver(PluginHealthOptions options)
{
    private static readonly PluginThresholdOverrides NoOverrides = new();

    private readonly Dictionary<string, (double? MemoryLimitMb, PluginHealthThresholds Thresholds)> _thresholds = new(PluginId.Comparer);
    private double? _hostMemoryLimitMb = options.Host.MemoryLimitMb;
    private (double? MemoryLimitMb, PluginHealthThresholds Thresholds)? _shared;

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

    /// <summary>Gets the thresholds of the snapshot's plugin, the same instance as long as they do not change.</summary>
    public PluginHealthThresholds For(PluginHealthSnapshot snapshot)
    {
        var id = snapshot.PluginId;
        var overrides = options.Plugins.Count != 0 && options.Plugins.TryGetValue(id, out var plugin) ? plugin?.Thresholds : null;
        if (snapshot.Resources.MemoryLimitMb is null && overrides is null && !IsHost(id))
        {
            return Shared();
        }

        var memoryLimit = snapshot.Resources.MemoryLimitMb ?? _hostMemoryLimitMb;
        if (_thresholds.TryGetValue(id, out var cached) && cached.MemoryLimitMb == memoryLimit)
        {
            return cached.Thresholds;
        }

        var thresholds = IsHost(id) ? ForHost(memoryLimit) : ForPlugin(overrides ?? NoOverrides, memoryLimit);
        _thresholds[id] = (memoryLimit, thresholds);
        return thresholds;
    }

    private static bool IsHost(string pluginId) => PluginId.Comparer.Equals(pluginId, HostMonitoringOptions.PluginId);

    /// <summary>The thresholds of every plugin without overrides under the host's memory limit: rebuilt only when that limit changes.</summary>
    private PluginHealthThresholds Shared()
    {
        if (_shared is not { } shared || shared.MemoryLimitMb != _hostMemoryLimitMb)
        {
            shared = (_hostMemoryLimitMb, ForPlugin(NoOverrides, _hostMemoryLimitMb));
            _shared = shared;
        }

        return shared.Thresholds;
    }

    private PluginHealthThresholds ForPlugin(PluginThresholdOverrides o, double? memoryLimit)
    {
        var global = options.Thresholds;
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
