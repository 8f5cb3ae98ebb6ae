namespace ZepixHealth.Monitoring;

/// <summary>The lifecycle settings in force for one rule, resolved from <see cref="PluginHealthOptions"/>.</summary>
/// <param name="ForCycles">Consecutive breached cycles before the alert fires.</param>
/// <param name="ClearCycles">Consecutive clear cycles before it resolves, and consecutive cycles at a lower level before its level is lowered.</param>
/// <param name="CriticalRepeat">How often a Critical alert that keeps firing is sent again.</param>
/// <param name="HighRepeat">How often a High alert that keeps firing is sent again.</param>
/// <param name="WarningRepeat">How often a Warning alert that keeps firing is sent again.</param>
internal readonly record struct AlertRuleSettings(int ForCycles, int ClearCycles, TimeSpan CriticalRepeat, TimeSpan HighRepeat, TimeSpan WarningRepeat)
{
    /// <summary>Settings that repeat every level after the same interval.</summary>
    public AlertRuleSettings(int forCycles, int clearCycles, TimeSpan repeatInterval)
        : this(forCycles, clearCycles, repeatInterval, repeatInterval, repeatInterval)
    {
    }

    /// <summary>How often an alert at <paramref name="level"/> is sent again while it keeps firing at that level.</summary>
    public TimeSpan RepeatIntervalFor(AlertLevel level) => level switch
    {
        AlertLevel.Critical => CriticalRepeat,
        AlertLevel.High => HighRepeat,
        _ => WarningRepeat,
    };

    public static AlertRuleSettings For(string ruleId, PluginHealthOptions options)
    {
        options.Rules.TryGetValue(ruleId, out var rule);
        // Availability fires at once; an anomaly has already waited for its K anomalous samples in a row.
        var defaultFor = ruleId == HealthRuleIds.Availability || ruleId.StartsWith(HealthRuleIds.AnomalyPrefix, StringComparison.Ordinal)
            ? PluginHealthDefaults.AvailabilityForCycles
            : PluginHealthDefaults.ForCycles;
        var forCycles = rule?.ForCycles ?? defaultFor;
        var clearCycles = rule?.ClearCycles ?? PluginHealthDefaults.ClearCycles;
        if (rule?.RepeatInterval is { } ruleInterval)
        {
            return new AlertRuleSettings(forCycles, clearCycles, ruleInterval);
        }

        // AlertCooldown is the floor under the per-level defaults; an interval set below it is refused at start-up.
        var intervals = options.RepeatIntervals;
        var floor = options.AlertCooldown;
        return new AlertRuleSettings(
            forCycles,
            clearCycles,
            intervals.Critical ?? Max(PluginHealthDefaults.CriticalRepeatInterval, floor),
            intervals.High ?? Max(PluginHealthDefaults.HighRepeatInterval, floor),
            intervals.Warning ?? Max(PluginHealthDefaults.WarningRepeatInterval, floor));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
