using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Checks the settings of alert levels and repeat intervals: critical thresholds (global, per plugin,
/// for the host row) lie beyond the warning thresholds that apply with them, and every repeat interval
/// lies between <see cref="PluginHealthOptions.AlertCooldown"/> and 7 days. Every message names the key
/// and the bad value.
/// </summary>
internal static class AlertLevelOptionsValidator
{
    public static IEnumerable<string> FindProblems(PluginHealthOptions options, string prefix)
    {
        var problems = new List<string>();
        CheckRepeatIntervals(problems, options, prefix);
        var global = options.Thresholds;
        CheckLevels(problems, $"{prefix}{nameof(options.Thresholds)}:", Explicit(global), Explicit(global), perPlugin: false);
        if (options.Host.Thresholds is { } host)
        {
            // The host row's defaults are shares of its memory limit and cores: only what is set is compared.
            CheckLevels(problems, $"{prefix}{nameof(options.Host)}:{nameof(options.Host.Thresholds)}:", Explicit(host), Explicit(host), perPlugin: false);
        }

        foreach (var (id, plugin) in options.Plugins)
        {
            if (plugin?.Thresholds is { } overrides)
            {
                var key = $"{prefix}{nameof(options.Plugins)}:{PluginId.ForDisplay(id)}:{nameof(plugin.Thresholds)}:";
                CheckLevels(problems, key, Explicit(overrides), Merge(Explicit(overrides), Explicit(global)), perPlugin: true);
            }
        }

        return problems;
    }

    private static void CheckRepeatIntervals(List<string> problems, PluginHealthOptions options, string prefix)
    {
        var intervals = options.RepeatIntervals;
        var key = $"{prefix}{nameof(options.RepeatIntervals)}:";
        CheckRepeatInterval(problems, options, key + nameof(intervals.Critical), intervals.Critical);
        CheckRepeatInterval(problems, options, key + nameof(intervals.High), intervals.High);
        CheckRepeatInterval(problems, options, key + nameof(intervals.Warning), intervals.Warning);
        foreach (var (ruleId, rule) in options.Rules)
        {
            CheckRepeatInterval(problems, options, $"{prefix}{nameof(options.Rules)}:{ruleId}:{nameof(AlertRuleOptions.RepeatInterval)}", rule?.RepeatInterval);
        }
    }

    private static void CheckRepeatInterval(List<string> problems, PluginHealthOptions options, string key, TimeSpan? value)
    {
        if (value is not { } v)
        {
            return;
        }

        if (v < TimeSpan.Zero || v > PluginHealthDefaults.MaxAlertCooldown)
        {
            problems.Add($"{key} must be between 00:00:00 and {PluginHealthDefaults.MaxAlertCooldown:c}; was '{v:c}'.");
        }
        else if (v < options.AlertCooldown)
        {
            problems.Add($"{key} ('{v:c}') is shorter than {PluginHealthDefaults.SectionName}:{nameof(options.AlertCooldown)} ('{options.AlertCooldown:c}'), " +
                         $"the shortest time between two notifications of one alert; lengthen it, or lower {nameof(options.AlertCooldown)} too.");
        }
    }

    /// <summary>
    /// Checks the limits set at <paramref name="key"/>: each in range, and each critical limit beyond the
    /// warning limit in force beside it (<paramref name="inForce"/>, which for a plugin includes what it
    /// inherits from the global thresholds).
    /// </summary>
    private static void CheckLevels(List<string> problems, string key, Limits set, Limits inForce, bool perPlugin)
    {
        CheckRange(problems, key + nameof(PluginHealthThresholds.CriticalExecutionTimeMs), set.CriticalExecution, PluginHealthDefaults.MaxExecutionTimeMsLimit);
        CheckRange(problems, key + nameof(PluginHealthThresholds.CriticalErrorRatePct), set.CriticalErrorRate, 100);
        CheckRange(problems, key + nameof(PluginHealthThresholds.CriticalMemoryUsageMb), set.CriticalMemory, PluginHealthDefaults.MaxMemoryUsageMbLimit);
        CheckRange(problems, key + nameof(PluginHealthThresholds.CriticalCpuUsagePct), set.CriticalCpu, null);
        if (set.CriticalErrors is { } errors && errors is < 2 or > PluginHealthDefaults.MaxCriticalErrorsForCritical)
        {
            problems.Add($"{key}{nameof(PluginHealthThresholds.CriticalErrorsForCritical)} must be between 2 and {PluginHealthDefaults.MaxCriticalErrorsForCritical} " +
                         $"(one critical error already makes the alert High); was '{errors}'.");
        }

        CheckBeyond(problems, key, nameof(PluginHealthThresholds.CriticalExecutionTimeMs), inForce.CriticalExecution, nameof(PluginHealthThresholds.MaxExecutionTimeMs), inForce.MaxExecution, set.CriticalExecution ?? set.MaxExecution, perPlugin);
        CheckBeyond(problems, key, nameof(PluginHealthThresholds.CriticalErrorRatePct), inForce.CriticalErrorRate, nameof(PluginHealthThresholds.MaxErrorRatePct), inForce.MaxErrorRate, set.CriticalErrorRate ?? set.MaxErrorRate, perPlugin);
        CheckBeyond(problems, key, nameof(PluginHealthThresholds.CriticalMemoryUsageMb), inForce.CriticalMemory, nameof(PluginHealthThresholds.MaxMemoryUsageMb), inForce.MaxMemory, set.CriticalMemory ?? set.MaxMemory, perPlugin);
        CheckBeyond(problems, key, nameof(PluginHealthThresholds.CriticalCpuUsagePct), inForce.CriticalCpu, nameof(PluginHealthThresholds.MaxCpuUsagePct), inForce.MaxCpu, set.CriticalCpu ?? set.MaxCpu, perPlugin);
    }

    /// <summary>
    /// A critical limit at or below its warning limit would make the warning unreachable. Reported at
    /// the key that set one of the two (<paramref name="setHere"/>), so a plugin that only inherits both
    /// is not blamed for the global settings.
    /// </summary>
    private static void CheckBeyond(List<string> problems, string key, string criticalName, double? critical, string warningName, double? warning, double? setHere, bool perPlugin)
    {
        if (setHere is null || critical is not { } c || warning is not { } w || !double.IsFinite(c) || c > w)
        {
            return;
        }

        var whose = perPlugin ? " that applies to this plugin (set here or in PluginHealth:Thresholds)" : string.Empty;
        problems.Add($"{key}{criticalName} ('{Number(c)}') must be above the warning threshold {warningName}{whose} ('{Number(w)}'): " +
                     $"a critical level at or below the warning level leaves no room to warn. Raise {criticalName} or lower {warningName}.");
    }

    private static void CheckRange(List<string> problems, string key, double? value, double? max)
    {
        if (value is { } v && (!double.IsFinite(v) || v <= 0 || (max is { } m && v > m)))
        {
            var range = max is { } limit ? $"greater than 0 and at most {Number(limit)}" : "a finite number greater than 0";
            problems.Add($"{key} must be {range}; was '{Number(v)}'.");
        }
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static Limits Explicit(PluginHealthThresholds t) =>
        new(t.MaxExecutionTimeMs, t.CriticalExecutionTimeMs, t.MaxErrorRatePct, t.CriticalErrorRatePct, t.MaxMemoryUsageMb, t.CriticalMemoryUsageMb, t.MaxCpuUsagePct, t.CriticalCpuUsagePct, t.CriticalErrorsForCritical);

    private static Limits Explicit(PluginThresholdOverrides t) =>
        new(t.MaxExecutionTimeMs, t.CriticalExecutionTimeMs, t.MaxErrorRatePct, t.CriticalErrorRatePct, t.MaxMemoryUsageMb, t.CriticalMemoryUsageMb, t.MaxCpuUsagePct, t.CriticalCpuUsagePct, t.CriticalErrorsForCritical);

    private static Limits Merge(Limits over, Limits under) => new(
        over.MaxExecution ?? under.MaxExecution,
        over.CriticalExecution ?? under.CriticalExecution,
        over.MaxErrorRate ?? under.MaxErrorRate,
        over.CriticalErrorRate ?? under.CriticalErrorRate,
        over.MaxMemory ?? under.MaxMemory,
        over.CriticalMemory ?? under.CriticalMemory,
        over.MaxCpu ?? under.MaxCpu,
        over.CriticalCpu ?? under.CriticalCpu,
        over.CriticalErrors ?? under.CriticalErrors);

    private readonly record struct Limits(
        double? MaxExecution,
        double? CriticalExecution,
        double? MaxErrorRate,
        double? CriticalErrorRate,
        double? MaxMemory,
        double? CriticalMemory,
        double? MaxCpu,
        double? CriticalCpu,
        int? CriticalErrors);
}
