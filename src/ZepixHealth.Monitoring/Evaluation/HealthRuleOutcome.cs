namespace ZepixHealth.Monitoring;

/// <summary>What a rule concluded about one snapshot.</summary>
public enum HealthRuleOutcome
{
    /// <summary>A figure the rule needs is unknown: the alert lifecycle neither advances nor clears.</summary>
    Unknown = 0,

    /// <summary>The condition is fine.</summary>
    Clear = 1,

    /// <summary>The condition is breached.</summary>
    Breached = 2,
}
