namespace ZepixHealth.Monitoring;

/// <summary>
/// One inhibition rule: while an alert of <see cref="SourceRule"/> at <see cref="SourceMinLevel"/> or
/// above is firing for a plugin, that plugin's alerts of <see cref="TargetRule"/> are held back.
/// </summary>
public sealed class InhibitRuleOptions
{
    /// <summary>Gets or sets the rule id of the source alert, exactly (for example <c>availability</c>).</summary>
    /// <value>Required.</value>
    public string SourceRule { get; set; } = string.Empty;

    /// <summary>Gets or sets the lowest level of the source alert that inhibits.</summary>
    /// <value>Default <see langword="null"/>: any level.</value>
    public AlertLevel? SourceMinLevel { get; set; }

    /// <summary>
    /// Gets or sets the rule ids held back, exactly or as a pattern where <c>*</c> stands for any text
    /// (<c>anomaly.*</c>; <c>*</c> for every rule but the source's own).
    /// </summary>
    /// <value>Required.</value>
    public string TargetRule { get; set; } = string.Empty;
}
