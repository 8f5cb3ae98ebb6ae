namespace ZepixHealth.Monitoring;

/// <summary>The group an alert change belongs to: the parts <see cref="AlertGroupBy"/> names, the others left out.</summary>
internal readonly record struct AlertGroupKey(AlertLevel? Level, string? PluginId, string? RuleId)
{
    public static AlertGroupKey Of(HealthAlert alert, AlertGroupBy groupBy) => new(
        (groupBy & AlertGroupBy.Level) != 0 ? alert.Level : null,
        (groupBy & AlertGroupBy.PluginId) != 0 ? alert.PluginId : null,
        (groupBy & AlertGroupBy.RuleId) != 0 ? alert.RuleId : null);
}
