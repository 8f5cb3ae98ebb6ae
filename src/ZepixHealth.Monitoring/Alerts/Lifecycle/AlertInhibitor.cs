namespace ZepixHealth.Monitoring;

/// <summary>
/// Decides which alert holds back another of the same plugin, from <see cref="AlertInhibitionOptions"/>
/// and the built-in rules. An alert is never its own source, so <c>*</c> as a target means "every other rule".
/// </summary>
internal sealed class AlertInhibitor
{
    private readonly Rule[] _rules;

    public AlertInhibitor(AlertInhibitionOptions options)
    {
        var rules = new List<Rule>();
        if (options.Enabled)
        {
            if (options.UseDefaultRules)
            {
                rules.Add(new Rule(HealthRuleIds.Availability, AlertLevel.Critical, WildcardPattern.Any.ToString()));
                rules.Add(new Rule(HealthRuleIds.LatencyP95, null, AnomalyMetric.P95Latency.RuleId()));
                rules.Add(new Rule(HealthRuleIds.ErrorRate, null, AnomalyMetric.ErrorRate.RuleId()));
                rules.Add(new Rule(HealthRuleIds.Memory, null, AnomalyMetric.Memory.RuleId()));
                rules.Add(new Rule(HealthRuleIds.Cpu, null, AnomalyMetric.Cpu.RuleId()));
            }

            rules.AddRange(options.Rules.Where(r => r is not null).Select(r => new Rule(r.SourceRule, r.SourceMinLevel, r.TargetRule)));
        }

        _rules = [.. rules];
    }

    /// <summary>Gets whether any rule is in force.</summary>
    public bool IsEmpty => _rules.Length == 0;

    /// <summary>Returns what holds back <paramref name="target"/>, or <see langword="null"/> when nothing does.</summary>
    /// <param name="target">The alert that might be held back.</param>
    /// <param name="openAlertOf">Gets the open alert of a (plugin, rule), if any.</param>
    public string? InhibitorOf(HealthAlert target, Func<string, string, HealthAlert?> openAlertOf)
    {
        foreach (var rule in _rules)
        {
            if (string.Equals(rule.Source, target.RuleId, StringComparison.Ordinal) || !rule.Targets(target.RuleId))
            {
                continue;
            }

            if (openAlertOf(target.PluginId, rule.Source) is { State: AlertState.Firing } source
                && (rule.MinLevel is null || source.Level >= rule.MinLevel))
            {
                return rule.Describe(source.Level);
            }
        }

        return null;
    }

    private sealed record Rule(string Source, AlertLevel? MinLevel, string Target)
    {
        private readonly string[] _described = [$"{Source} (Warning)", $"{Source} (High)", $"{Source} (Critical)"];

        public bool Targets(string ruleId) =>
            (Target.Length == 1 && Target[0] == WildcardPattern.Any) || WildcardPattern.IsMatch(Target, ruleId, StringComparison.Ordinal);

        // Built once, so that marking an alert allocates no text.
        public string Describe(AlertLevel level) => (int)level is >= 1 and <= 3 ? _described[(int)level - 1] : Source;
    }
}
