namespace ZepixHealth.Monitoring;

/// <summary>What one rule (or anomaly detector) concluded about one plugin in one cycle.</summary>
/// <param name="PluginId">The plugin judged.</param>
/// <param name="RuleId">The rule that judged it, e.g. <c>latency.p95</c> or <c>anomaly.cpu</c>.</param>
/// <param name="Result">Breached, clear or unknown, with the figures.</param>
internal readonly record struct RuleOutcome(string PluginId, string RuleId, HealthRuleResult Result);
