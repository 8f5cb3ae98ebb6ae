namespace ZepixHealth.Monitoring;

/// <summary>The verdict of an <see cref="IHealthRule"/> on one snapshot.</summary>
public readonly record struct HealthRuleResult
{
    private HealthRuleResult(HealthRuleOutcome outcome, AlertLevel level, string? message, double? value, double? threshold)
    {
        Outcome = outcome;
        Level = level;
        Message = message;
        Value = value;
        Threshold = threshold;
    }

    /// <summary>Gets a result for a snapshot the rule cannot judge.</summary>
    public static HealthRuleResult Unknown => default;

    /// <summary>Gets a result for a snapshot that does not breach the rule.</summary>
    public static HealthRuleResult Clear { get; } = new(HealthRuleOutcome.Clear, default, null, null, null);

    /// <summary>Gets what the rule concluded.</summary>
    public HealthRuleOutcome Outcome { get; }

    /// <summary>Gets how serious the breach is; meaningful only when <see cref="Outcome"/> is <see cref="HealthRuleOutcome.Breached"/>.</summary>
    public AlertLevel Level { get; }

    /// <summary>Gets the text for the operator; set when breached.</summary>
    public string? Message { get; }

    /// <summary>Gets the value that breached the rule, when it has one.</summary>
    public double? Value { get; }

    /// <summary>Gets the threshold the value was compared with, when there is one.</summary>
    public double? Threshold { get; }

    /// <summary>Creates a result for a breached rule.</summary>
    /// <param name="level">How serious the breach is.</param>
    /// <param name="message">The text for the operator, for example <c>P95 latency 7,200 ms is above 5,000 ms</c>.</param>
    /// <param name="value">The value that breached the rule, when it has one.</param>
    /// <param name="threshold">The threshold it was compared with, when there is one.</param>
    /// <returns>A result whose <see cref="Outcome"/> is <see cref="HealthRuleOutcome.Breached"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="message"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a defined level.</exception>
    public static HealthRuleResult Breached(AlertLevel level, string message, double? value = null, double? threshold = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        if (level is not (AlertLevel.Warning or AlertLevel.High or AlertLevel.Critical))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"AlertLevel {(int)level} is not defined; use Warning, High or Critical.");
        }

        return new(HealthRuleOutcome.Breached, level, message, value, threshold);
    }

    /// <summary>
    /// Creates a result that compares a figure with an upper limit: unknown when the figure is
    /// unknown, breached when it is above the limit, clear otherwise.
    /// </summary>
    /// <param name="value">The figure; <see langword="null"/> when unknown.</param>
    /// <param name="limit">The highest acceptable value.</param>
    /// <param name="level">How serious a breach is.</param>
    /// <param name="describe">Builds the operator's text from the value and the limit; called only on a breach.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="describe"/> is null.</exception>
    public static HealthRuleResult Above(double? value, double limit, AlertLevel level, Func<double, double, string> describe)
    {
        ArgumentNullException.ThrowIfNull(describe);
        return value switch
        {
            null => Unknown,
            { } v when v > limit => Breached(level, describe(v, limit), v, limit),
            _ => Clear,
        };
    }
}
