namespace ZepixHealth.Monitoring;

/// <summary>Judges a figure against a warning limit and, beyond it, a critical one.</summary>
internal static class ThresholdLevels
{
    /// <summary>
    /// The level a figure is at: Critical above <paramref name="critical"/> (when known), else
    /// <paramref name="warningLevel"/> above <paramref name="warning"/>; <see langword="null"/> when neither.
    /// </summary>
    /// <param name="value">The figure.</param>
    /// <param name="warning">The warning limit.</param>
    /// <param name="critical">The critical limit; <see langword="null"/> when the rule has none for this plugin.</param>
    /// <param name="warningLevel">The level of a breach of the warning limit (Warning or High).</param>
    /// <param name="limit">The limit that was crossed.</param>
    public static AlertLevel? Judge(double value, double warning, double? critical, AlertLevel warningLevel, out double limit)
    {
        if (critical is { } c && value > c)
        {
            limit = c;
            return AlertLevel.Critical;
        }

        limit = warning;
        return value > warning ? warningLevel : null;
    }

    /// <summary>"above" before the warning limit, "above the critical limit of" before the critical one.</summary>
    public static string Above(AlertLevel level) => level == AlertLevel.Critical ? "above the critical limit of" : "above";
}
