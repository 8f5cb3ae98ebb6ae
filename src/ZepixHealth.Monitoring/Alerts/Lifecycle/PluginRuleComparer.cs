namespace ZepixHealth.Monitoring;

/// <summary>Compares (plugin id, rule id) keys: plugin ids ignoring case, rule ids exactly.</summary>
internal sealed class PluginRuleComparer : IEqualityComparer<(string PluginId, string RuleId)>
{
    public static PluginRuleComparer Instance { get; } = new();

    public bool Equals((string PluginId, string RuleId) x, (string PluginId, string RuleId) y) =>
        PluginId.Comparer.Equals(x.PluginId, y.PluginId) && string.Equals(x.RuleId, y.RuleId, StringComparison.Ordinal);

    public int GetHashCode((string PluginId, string RuleId) obj) =>
        HashCode.Combine(PluginId.Comparer.GetHashCode(obj.PluginId), StringComparer.Ordinal.GetHashCode(obj.RuleId));
}
