namespace ZepixHealth.Monitoring;

/// <summary>Checks <see cref="AlertInhibitionOptions"/>; every message names the key and the bad value.</summary>
internal static class AlertInhibitionOptionsValidator
{
    public static IEnumerable<string> FindProblems(AlertInhibitionOptions options, string prefix)
    {
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            var key = $"{prefix}:{nameof(options.Rules)}:{i}";
            if (rule is null)
            {
                yield return $"{key} is empty; give it a SourceRule and a TargetRule.";
                continue;
            }

            if (string.IsNullOrWhiteSpace(rule.SourceRule) || rule.SourceRule.Contains(WildcardPattern.Any, StringComparison.Ordinal))
            {
                yield return $"{key}:{nameof(rule.SourceRule)} must name one rule exactly (no '*'); was '{rule.SourceRule}'.";
            }

            if (string.IsNullOrWhiteSpace(rule.TargetRule))
            {
                yield return $"{key}:{nameof(rule.TargetRule)} must name a rule or a pattern such as 'anomaly.*'; was '{rule.TargetRule}'.";
            }

            if (rule.SourceMinLevel is { } level && !Enum.IsDefined(level))
            {
                yield return $"{key}:{nameof(rule.SourceMinLevel)} must be Warning, High or Critical; was '{(int)level}'.";
            }
        }
    }
}
